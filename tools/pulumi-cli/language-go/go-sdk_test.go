package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLinkReplacesTheGeneratedModuleWithItsFolder(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module prog\n\ngo 1.25\n")
	write(t, filepath.Join(root, "sdks", "eset", "go.mod"), "module example.com/eset/sdk/go\n\ngo 1.25\n")
	write(t, filepath.Join(root, "sdks", "eset", "eset", "pulumi-plugin.json"), "{}")
	host := newGoHost("", root)
	res, err := host.Link(context.Background(), &pulumirpc.LinkRequest{
		Info:     &pulumirpc.ProgramInfo{RootDirectory: root, ProgramDirectory: root},
		Packages: []*pulumirpc.LinkRequest_LinkDependency{{Path: "sdks/eset", Package: &pulumirpc.PackageDependency{Name: "eset"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	goMod, _ := os.ReadFile(filepath.Join(root, "go.mod"))
	if !strings.Contains(string(goMod), "replace example.com/eset/sdk/go => ./sdks/eset") {
		t.Errorf("go.mod:\n%s", goMod)
	}
	if !strings.Contains(res.ImportInstructions, `"example.com/eset/sdk/go/eset"`) {
		t.Errorf("instructions: %s", res.ImportInstructions)
	}
}

func TestLinkNamesTheMissingGoMod(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module prog\n")
	write(t, filepath.Join(root, "sdk", "go", "eset", "pulumi-plugin.json"), "{}")
	_, err := newGoHost("", root).Link(context.Background(), &pulumirpc.LinkRequest{
		Info:     &pulumirpc.ProgramInfo{RootDirectory: root, ProgramDirectory: root},
		Packages: []*pulumirpc.LinkRequest_LinkDependency{{Path: "sdk/go", Package: &pulumirpc.PackageDependency{Name: "eset"}}},
	})
	if err == nil || !strings.Contains(err.Error(), "has no go.mod (generate it with `pulumi package add`)") {
		t.Errorf("got %v", err)
	}
}
