package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// The engine's reading of a program's exit (sdk/go/pulumi-language-go/main.go, runProgram).
func TestRunProgramMapsExitCodes(t *testing.T) {
	for _, c := range []struct {
		script string
		want   *pulumirpc.RunResponse
	}{
		{"exit 0", &pulumirpc.RunResponse{}},
		{"exit 32", &pulumirpc.RunResponse{Bail: true}},
		{"exit 3", &pulumirpc.RunResponse{Error: "the program exited with code 3"}},
		{"kill -9 $$", &pulumirpc.RunResponse{Error: "the program was stopped by killed"}},
	} {
		program := filepath.Join(t.TempDir(), "program")
		if err := os.WriteFile(program, []byte("#!/bin/sh\n"+c.script+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		got := runProgram(context.Background(), program, t.TempDir(), os.Environ())
		if got.Bail != c.want.Bail || got.Error != c.want.Error {
			t.Errorf("%s: got bail=%v error=%q, want bail=%v error=%q", c.script, got.Bail, got.Error, c.want.Bail, c.want.Error)
		}
	}
}

func TestProgramEnvCarriesWhatTheGoSDKReads(t *testing.T) {
	req := &pulumirpc.RunRequest{
		Project: "p", Stack: "s", Organization: "o", DryRun: true, Parallel: 4,
		MonitorAddress: "127.0.0.1:1", Config: map[string]string{"eset:endpoint": "http://x"},
		ConfigSecretKeys: []string{"eset:password"},
		Info:             &pulumirpc.ProgramInfo{RootDirectory: "/root-dir"},
	}
	env, err := programEnv(req, "127.0.0.1:2")
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(env, "\n")
	for _, want := range []string{
		"PULUMI_PROJECT=p", "PULUMI_STACK=s", "PULUMI_ORGANIZATION=o", "PULUMI_DRY_RUN=true",
		"PULUMI_PARALLEL=4", "PULUMI_MONITOR=127.0.0.1:1", "PULUMI_ENGINE=127.0.0.1:2",
		"PULUMI_ROOT_DIRECTORY=/root-dir", `PULUMI_CONFIG={"eset:endpoint":"http://x"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["eset:password"]`,
	} {
		if !strings.Contains(joined, "\n"+want+"\n") && !strings.HasSuffix(joined, "\n"+want) {
			t.Errorf("missing %s", want)
		}
	}
}

func TestRunOptionsRefuseBinaryWithBuildTarget(t *testing.T) {
	options, _ := structpb.NewStruct(map[string]any{"binary": "a", "buildTarget": "b"})
	_, err := runOptionsOf(&pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{Options: options}})
	if err == nil || !strings.Contains(err.Error(), "binary and buildTarget cannot both be set") {
		t.Errorf("got %v", err)
	}
	options, _ = structpb.NewStruct(map[string]any{"buildTarget": 3.0})
	_, err = runOptionsOf(&pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{Options: options}})
	if err == nil || !strings.Contains(err.Error(), "buildTarget must be a string") {
		t.Errorf("got %v", err)
	}
}
