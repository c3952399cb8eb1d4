package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// goHost serves the LanguageRuntime calls the CLI makes for a `runtime: go` project.
type goHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer // GenerateProgram/Project, Pack, RunPlugin, GetRequiredPlugins

	engineAddress string
	cwd           string
	// cancelled by the Cancel call: stops a running program.
	cancelled context.Context
	cancel    context.CancelFunc
}

func newGoHost(engineAddress, cwd string) *goHost {
	ctx, cancel := context.WithCancel(context.Background())
	return &goHost{engineAddress: engineAddress, cwd: cwd, cancelled: ctx, cancel: cancel}
}

// sdkVersion is the version of github.com/pulumi/pulumi/sdk/v3 this host was built with (the
// CLI's, as both share tools/pulumi-cli/go.mod), e.g. "3.248.0".
func sdkVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/pulumi/pulumi/sdk/v3" {
				return strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	return "0.0.0"
}

func (h *goHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() == "" {
		return nil, errors.New("the handshake names no engine address")
	}
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *goHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: sdkVersion()}, nil
}

// GetRequiredPackages answers none: the engine finds the program's provider plugin from the
// `packages:` entry `pulumi package add` writes to Pulumi.yaml. Pulumi's host also reads the
// pulumi-plugin.json of every module the program requires, so that a Go program using a published
// SDK without `package add` gets its plugin installed; this host does not.
func (h *goHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *goHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

func (h *goHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// About names the `go` on PATH and its version (`pulumi about`).
func (h *goHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("no `go` on PATH: %w", err)
	}
	cmd := exec.Command(gobin, "version")
	cmd.Dir = h.cwd
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("`go version` failed: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: gobin, Version: strings.TrimSpace(string(out))}, nil
}

func unsupported(call, why string) error {
	return status.Errorf(codes.Unimplemented, "%s is not supported by this repository's %s", call, why)
}

// fileExists is true for a regular file or folder at path.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
