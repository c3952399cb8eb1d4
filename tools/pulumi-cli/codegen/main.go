// Command pulumi-codegen-eset generates a Pulumi SDK from a package schema with Pulumi's own code
// generators (github.com/pulumi/pulumi/pkg/v3/codegen/nodejs and .../python, at the CLI's version).
// It is what this repository's language hosts (tools/language-host for nodejs,
// tools/pulumi-cli/language-python for python) answer GeneratePackage with: Pulumi's hosts do the
// same in Go, but cannot be built from the Go module proxy (replace directives), and ours are not
// written in Go.
//
// Usage: pulumi-codegen-eset <nodejs|python> <loader address> <output folder>, with the request as
// JSON on standard input: {"schema": "<schema text>", "extraFiles": {"<path>": "<base64>"},
// "localDependencies": {"<name>": "<path>"}, "local": bool}. Diagnostics go to standard error;
// exit code 1 when there are errors.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	nodejs "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	python "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type request struct {
	Schema            string            `json:"schema"`
	ExtraFiles        map[string][]byte `json:"extraFiles"`
	LocalDependencies map[string]string `json:"localDependencies"`
	Local             bool              `json:"local"`
}

func generate(language, loaderTarget, directory string, req request) error {
	loader, err := schema.NewLoaderClient(loaderTarget)
	if err != nil {
		return err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return fmt.Errorf("the schema is not valid JSON: %w", err)
	}
	// As Pulumi's hosts bind it (sdk/nodejs/cmd/pulumi-language-nodejs, GeneratePackage).
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{
		AllowDanglingReferences: true,
	})
	if err != nil {
		return err
	}
	if len(diags) > 0 {
		fmt.Fprintln(os.Stderr, diags.Error())
	}
	if diags.HasErrors() {
		return fmt.Errorf("the schema has errors")
	}
	var files map[string][]byte
	switch language {
	case "nodejs":
		files, err = nodejs.GeneratePackage("pulumi-language-nodejs", pkg, req.ExtraFiles,
			req.LocalDependencies, req.Local, schema.NewCachedLoader(loader))
	case "python":
		files, err = python.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles,
			schema.NewCachedLoader(loader))
	default:
		return fmt.Errorf("no code generator for language %q (nodejs, python)", language)
	}
	if err != nil {
		return err
	}
	for name, data := range files {
		out := filepath.Join(directory, name)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-codegen-eset <nodejs|python> <loader address> <output folder> < request.json")
		os.Exit(2)
	}
	input, err := io.ReadAll(os.Stdin)
	var req request
	if err == nil {
		err = json.Unmarshal(input, &req)
	}
	if err == nil {
		err = generate(os.Args[1], os.Args[2], os.Args[3], req)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-codegen-eset: %v\n", err)
		os.Exit(1)
	}
}
