package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generator is one of Pulumi's SDK generators (pkg/v3/codegen/go, .../dotnet) at the CLI's version.
type generator func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest) (map[string][]byte, error)

// generatePackage binds the schema as Pulumi's hosts do (dangling references allowed, other
// packages through the engine's schema loader), generates the SDK and writes it to req.Directory.
// Schema errors go back as diagnostics, which the CLI prints.
func generatePackage(req *pulumirpc.GeneratePackageRequest, generate generator) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("the package schema is not valid JSON: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{
		AllowDanglingReferences: true,
	})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := generate(pkg, req)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		out := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return nil, err
		}
	}
	return response, nil
}

// noOverlays refuses extra files: Pulumi's Go host does not support them either.
func noOverlays(req *pulumirpc.GeneratePackageRequest, language string) error {
	if len(req.GetExtraFiles()) > 0 {
		return errors.New("overlays (gen-sdk --overlays) are not supported for " + language)
	}
	return nil
}
