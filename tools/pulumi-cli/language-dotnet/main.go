// Command pulumi-language-dotnet is a generate-only .NET language host: it answers GeneratePackage
// (`pulumi package gen-sdk --language dotnet`) with Pulumi's C# generator and refuses, naming why,
// everything that needs a .NET SDK (Run, InstallDependencies, Link): this repository's lane has no
// .NET SDK and no NuGet to compile or run C# with.
//
// A module of its own: Pulumi's C# generator left github.com/pulumi/pulumi/pkg/v3 after v3.228.0
// (pulumi/pulumi#22435 moved it to github.com/pulumi/pulumi-dotnet, whose modules the Go module
// proxy here does not serve), so this host pins pkg/v3 at v3.228.0, the last release holding
// codegen/dotnet, without moving the CLI's pins (tools/pulumi-cli/go.mod). The schema binding and
// GeneratePackage protocol it uses are the same as 3.248's.
//
// The CLI starts it as `pulumi-language-dotnet [-tracing URL] <engine address>`; it listens on a
// free port of 127.0.0.1, prints the port, and stops when the engine stops answering.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// noDotnet says why this host cannot run, build or link .NET programs.
const noDotnet = "this repository's pulumi-language-dotnet (tools/pulumi-cli/language-dotnet) only " +
	"generates C# SDKs (pulumi package gen-sdk --language dotnet); running, building and linking .NET " +
	"programs needs Pulumi's own pulumi-language-dotnet and a .NET SDK, from a regular Pulumi installation"

// dotnetHost answers GetPluginInfo, Handshake and GeneratePackage; the rest is refused.
type dotnetHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

func (dotnetHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	version := "0.0.0"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/pulumi/pulumi/pkg/v3" {
				version = strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (dotnetHost) Handshake(
	context.Context, *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GeneratePackage binds the schema as Pulumi's hosts do (dangling references allowed, other
// packages through the engine's schema loader) and writes the C# SDK to req.Directory. Schema
// errors go back as diagnostics, which the CLI prints.
func (dotnetHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
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
	files, err := dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, req.GetExtraFiles(), req.GetLocalDependencies())
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

func (dotnetHost) Run(context.Context, *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return nil, status.Error(codes.Unimplemented, "Run: "+noDotnet)
}

func (dotnetHost) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return status.Error(codes.Unimplemented, "InstallDependencies: "+noDotnet)
}

func (dotnetHost) Link(context.Context, *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return nil, status.Error(codes.Unimplemented, "Link: "+noDotnet)
}

func main() {
	flags := flag.NewFlagSet("pulumi-language-dotnet", flag.ContinueOnError)
	// Accepted because the CLI passes them to every language host; not used.
	flags.String("tracing", "", "ignored")
	flags.Bool("logtostderr", false, "ignored")
	flags.Int("v", 0, "ignored")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	// The C# generator downloads the package's logo (the schema's logoUrl, else Pulumi's logo on
	// raw.githubusercontent.com) into the SDK; a file:// logoUrl lets it work without the internet.
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.RegisterProtocol("file", http.NewFileTransport(http.Dir("/")))
	}
	if err := serve(flags.Arg(0)); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-dotnet: %v\n", err)
		os.Exit(1)
	}
}

func serve(engineAddress string) error {
	cancel := make(chan bool)
	if engineAddress != "" {
		// Stop when the engine goes away, as every plugin the CLI starts must.
		ctx, stop := context.WithCancel(context.Background())
		go func() {
			<-ctx.Done()
			close(cancel)
		}()
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, stop); err != nil {
			return fmt.Errorf("cannot watch the engine at %s: %w", engineAddress, err)
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, dotnetHost{})
			return nil
		},
	})
	if err != nil {
		return errors.New("cannot start the gRPC server: " + err.Error())
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
