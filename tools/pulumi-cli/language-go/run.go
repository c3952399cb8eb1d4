package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The exit status a Pulumi Go program ends with after it has reported its error to the engine
// (sdk/go/common/constant: ExitStatusLoggedError); the engine then adds no second message.
const exitStatusLoggedError = 32

// runOptions are the `runtime.options` of a Go project that this host honours.
type runOptions struct {
	// binary: a prebuilt program to run instead of building one.
	binary string
	// buildTarget: where to write the built program (kept between runs); default a temporary file.
	buildTarget string
}

func runOptionsOf(req *pulumirpc.RunRequest) (runOptions, error) {
	var o runOptions
	for key, value := range req.GetInfo().GetOptions().AsMap() {
		text, ok := value.(string)
		switch {
		case key != "binary" && key != "buildTarget":
			continue
		case !ok:
			return o, fmt.Errorf("runtime option %s must be a string", key)
		case key == "binary":
			o.binary = text
		default:
			o.buildTarget = text
		}
	}
	if o.binary != "" && o.buildTarget != "" {
		return o, errors.New("runtime options binary and buildTarget cannot both be set: use one")
	}
	return o, nil
}

// Run builds the program with `go build` (unless runtime.options.binary names one) and runs it
// with the PULUMI_* variables the Go SDK reads (sdk/go/pulumi/run.go).
func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if h.engineAddress == "" {
		return nil, errors.New("Run needs the engine's address: start the host with it, or call Handshake first")
	}
	opts, err := runOptionsOf(req)
	if err != nil {
		return nil, err
	}
	env, err := programEnv(req, h.engineAddress)
	if err != nil {
		return nil, err
	}
	program := opts.binary
	if program != "" {
		if strings.ContainsRune(program, filepath.Separator) && !filepath.IsAbs(program) {
			program = filepath.Join(req.GetInfo().GetProgramDirectory(), program)
		}
		if program, err = exec.LookPath(program); err != nil {
			return nil, fmt.Errorf("runtime option binary: %w", err)
		}
	} else {
		if program, err = build(req.GetInfo().GetProgramDirectory(), opts.buildTarget); err != nil {
			return nil, err
		}
		if opts.buildTarget == "" {
			defer os.Remove(program)
		}
	}
	runCtx, stop := context.WithCancel(h.cancelled)
	defer stop()
	context.AfterFunc(ctx, stop)
	return runProgram(runCtx, program, req.GetPwd(), env), nil
}

// build runs `go build` in the program's folder; the program's own go.mod decides its modules.
func build(programDir, target string) (string, error) {
	if matches, _ := filepath.Glob(filepath.Join(programDir, "*.go")); len(matches) == 0 {
		return "", fmt.Errorf("no .go file in %s: a Go program's main package is in its project folder", programDir)
	}
	if target == "" {
		f, err := os.CreateTemp("", "pulumi-go-program-*")
		if err != nil {
			return "", err
		}
		target = f.Name()
		f.Close()
	} else if !filepath.IsAbs(target) {
		target = filepath.Join(programDir, target)
	}
	cmd := exec.Command("go", "build", "-o", target, ".")
	cmd.Dir = programDir
	// The compiler's messages reach the user through the engine, which shows what this host prints.
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("`go build` of the program in %s failed (%v): see the compiler's messages above", programDir, err)
	}
	return target, nil
}

// programEnv is this process's environment plus what the Go SDK reads to find the engine, the
// stack and its config (names as in sdk/go/pulumi/run.go).
func programEnv(req *pulumirpc.RunRequest, engineAddress string) ([]string, error) {
	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secrets, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := os.Environ()
	for _, kv := range [][2]string{
		{"PULUMI_ORGANIZATION", req.GetOrganization()},
		{"PULUMI_PROJECT", req.GetProject()},
		{"PULUMI_ROOT_DIRECTORY", req.GetInfo().GetRootDirectory()},
		{"PULUMI_STACK", req.GetStack()},
		{"PULUMI_CONFIG", string(config)},
		{"PULUMI_CONFIG_SECRET_KEYS", string(secrets)},
		{"PULUMI_DRY_RUN", strconv.FormatBool(req.GetDryRun())},
		{"PULUMI_PARALLEL", strconv.Itoa(int(req.GetParallel()))},
		{"PULUMI_MONITOR", req.GetMonitorAddress()},
		{"PULUMI_ENGINE", engineAddress},
	} {
		if kv[1] != "" {
			env = append(env, kv[0]+"="+kv[1])
		}
	}
	return env, nil
}

// runProgram runs the built program and maps its exit to what the engine expects: nothing for 0,
// Bail for 32 (the program already reported its error), an error naming any other code.
func runProgram(ctx context.Context, program, pwd string, env []string) *pulumirpc.RunResponse {
	cmd := exec.CommandContext(ctx, program)
	cmd.Dir, cmd.Env = pwd, env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// On Cancel, interrupt first so that the program can finish its in-flight calls.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}
	case !errors.As(err, &exit):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("cannot run the program: %v", err)}
	}
	code := exit.ExitCode()
	if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the program was stopped by %v", ws.Signal())}
	}
	if code == exitStatusLoggedError {
		return &pulumirpc.RunResponse{Bail: true}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("the program exited with code %d", code)}
}
