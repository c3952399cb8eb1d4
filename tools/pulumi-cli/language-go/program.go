package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
	"google.golang.org/grpc"
)

// InstallDependencies runs `go mod tidy` in the program's folder (`pulumi install`, and the end
// of `pulumi package add`): it adds the requires the program's imports need, a linked SDK's
// included, and downloads them through the Go module proxy.
func (h *goHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	if !fileExists(filepath.Join(dir, "go.mod")) {
		return fmt.Errorf("no go.mod in %s: run `go mod init <module>` there first", dir)
	}
	fmt.Fprintln(stdout, "Installing dependencies (go mod tidy)...")
	cmd := exec.Command("go", "mod", "tidy")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`go mod tidy` in %s failed (%v): see its messages above", dir, err)
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return closer.Close()
}

// GetProgramDependencies lists the modules the program's go.mod requires (`pulumi about`);
// a module replaced by a local folder has no version.
func (h *goHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	goModPath := filepath.Join(req.GetInfo().GetProgramDirectory(), "go.mod")
	text, err := os.ReadFile(goModPath)
	if err != nil {
		return nil, fmt.Errorf("cannot read the program's go.mod: %w", err)
	}
	goMod, err := modfile.Parse(goModPath, text, nil)
	if err != nil {
		return nil, err
	}
	local := map[string]bool{}
	for _, r := range goMod.Replace {
		local[strings.TrimSuffix(r.Old.Path, "/")] = modfile.IsDirectoryPath(r.New.Path)
	}
	var deps []*pulumirpc.DependencyInfo
	for _, r := range goMod.Require {
		if r.Indirect && !req.GetTransitiveDependencies() {
			continue
		}
		version := r.Mod.Version
		if local[r.Mod.Path] {
			version = ""
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: r.Mod.Path, Version: version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}
