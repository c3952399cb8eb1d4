// Command pulumi-language-go is this repository's stand-in for Pulumi's Go language host, whose Go
// module cannot be built from the module proxy (replace directives). The CLI starts it as a plugin
// (`pulumi-language-go [-tracing URL] <engine address>`); it listens on a free port of 127.0.0.1,
// prints the port, and stops when the engine stops answering.
//
// What each call relies on in the engine is recorded in docs/pulumi-cli.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	flags := flag.NewFlagSet(filepath.Base(os.Args[0]), flag.ContinueOnError)
	// Accepted because the CLI passes them to every language host; tracing is not supported.
	flags.String("tracing", "", "ignored: tracing is not supported by this host")
	flags.Bool("logtostderr", false, "ignored")
	flags.Int("v", 0, "ignored")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	engineAddress := flags.Arg(0)
	if err := serve(engineAddress); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
		os.Exit(1)
	}
}

func serve(engineAddress string) error {
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
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
			pulumirpc.RegisterLanguageRuntimeServer(s, newGoHost(engineAddress, cwd))
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("cannot start the gRPC server: %w", err)
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
