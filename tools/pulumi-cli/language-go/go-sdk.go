package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
)

// GeneratePackage answers `pulumi package gen-sdk --language go` and `package add` in a Go
// project with Pulumi's Go generator.
func (h *goHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	if err := noOverlays(req, "Go"); err != nil {
		return nil, err
	}
	return generatePackage(req, func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}

// Link is the last step of `pulumi package add` in a Go project: the SDK it generated into
// sdks/<name> (with a go.mod, as `package add` asks for) is made the program's by a `replace`
// directive in the program's go.mod; the engine then asks InstallDependencies (`go mod tidy`)
// to add the matching `require`.
func (h *goHost) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	programDir := req.GetInfo().GetProgramDirectory()
	goModPath := filepath.Join(programDir, "go.mod")
	text, err := os.ReadFile(goModPath)
	if err != nil {
		return nil, fmt.Errorf("a Go project needs a go.mod to link a package into: %w", err)
	}
	goMod, err := modfile.Parse(goModPath, text, nil)
	if err != nil {
		return nil, err
	}
	var imports []string
	for _, dep := range req.GetPackages() {
		sdkDir := dep.GetPath()
		if !filepath.IsAbs(sdkDir) {
			sdkDir = filepath.Join(req.GetInfo().GetRootDirectory(), sdkDir)
		}
		modulePath, importPath, err := generatedModule(sdkDir)
		if err != nil {
			return nil, fmt.Errorf("package %s: %w", dep.GetPackage().GetName(), err)
		}
		relative, err := filepath.Rel(programDir, sdkDir)
		if err != nil {
			return nil, err
		}
		// A replace directive's local path must start with ./ or ../ (https://go.dev/ref/mod#go-mod-file-replace).
		if !strings.HasPrefix(relative, "..") {
			relative = "./" + relative
		}
		if err := goMod.AddReplace(modulePath, "", filepath.ToSlash(relative), ""); err != nil {
			return nil, err
		}
		imports = append(imports, importPath)
	}
	formatted, err := goMod.Format()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(goModPath, formatted, 0o644); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{
		ImportInstructions: "Import the SDK in your Go code with:\n\n  import (\n    \"" +
			strings.Join(imports, "\"\n    \"") + "\"\n  )\n",
	}, nil
}

// generatedModule reads the module path from the go.mod of a generated SDK and the import path of
// its package: the folder holding pulumi-plugin.json.
func generatedModule(sdkDir string) (modulePath, importPath string, err error) {
	text, err := os.ReadFile(filepath.Join(sdkDir, "go.mod"))
	if err != nil {
		return "", "", fmt.Errorf("the generated SDK in %s has no go.mod (generate it with `pulumi package add`): %w", sdkDir, err)
	}
	modulePath = modfile.ModulePath(text)
	if modulePath == "" {
		return "", "", fmt.Errorf("%s/go.mod names no module", sdkDir)
	}
	plugins, _ := filepath.Glob(filepath.Join(sdkDir, "*", "pulumi-plugin.json"))
	if len(plugins) != 1 {
		return "", "", fmt.Errorf("expected one <package>/pulumi-plugin.json in %s, found %d", sdkDir, len(plugins))
	}
	return modulePath, modulePath + "/" + filepath.Base(filepath.Dir(plugins[0])), nil
}
