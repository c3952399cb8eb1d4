// Command pulumi is the Pulumi CLI assembled from the importable packages of
// github.com/pulumi/pulumi/pkg/v3 at the version of the @pulumi/pulumi SDK this repository pins.
//
// Pulumi's own root command lives in a `main` package that cannot be imported, so this file builds
// a root command of its own from the same subcommands, with the global flags those subcommands
// read (--cwd, --color, --non-interactive, --verbose, logging). It leaves out what needs the
// network or Pulumi Cloud (update checks, tracing, `new`, `login` to the cloud still works only if
// asked). The version comes from the linker: -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=3.248.0
// (see tools/pulumi-cli/build.ts).
package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/pulumi/pulumi/pkg/v3/backend"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/about"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/auth"
	cmdBackend "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/backend"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/cancel"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/cmd"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/config"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/install"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/operations"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/packagecmd"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/plugin"
	cmdStack "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/stack"
	"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/state"
	cmdVersion "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi/version"
	pkgWorkspace "github.com/pulumi/pulumi/pkg/v3/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
)

// globalFlags are the root's persistent flags: subcommands read the cmdutil ones directly.
type globalFlags struct {
	cwd         string
	color       string
	verbose     int
	logFlow     bool
	logToStderr bool
}

func newRootCmd() *cobra.Command {
	var flags globalFlags
	root := &cobra.Command{
		Use:           "pulumi",
		Short:         "Pulumi command line (the subcommands this repository's tests use)",
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			// Code that gets no display options of its own colours by this global setting.
			if err := cmdutil.SetGlobalColorization(flags.color); err != nil {
				return err
			}
			if flags.cwd != "" {
				if err := os.Chdir(flags.cwd); err != nil {
					return err
				}
			}
			// Plugins inherit these (--logflow): without this call logging.V panics on first use.
			logging.InitLogging(flags.logToStderr, flags.verbose, flags.logFlow)
			return nil
		},
	}
	pf := root.PersistentFlags()
	pf.StringVarP(&flags.cwd, "cwd", "C", "", "Run pulumi as if it had been started in another directory")
	pf.StringVar(&flags.color, "color", "auto", "Colorize output. Choices are: always, never, raw, auto")
	pf.IntVarP(&flags.verbose, "verbose", "v", 0, "Enable verbose logging (e.g., v=3); anything >3 is very verbose")
	pf.BoolVar(&flags.logFlow, "logflow", false, "Flow log settings to child processes (like plugins)")
	pf.BoolVar(&flags.logToStderr, "logtostderr", false, "Log to stderr instead of to files")
	pf.BoolVar(&cmdutil.DisableInteractive, "non-interactive", false, "Disable interactive mode for all commands")
	pf.BoolVarP(&cmdutil.Emoji, "emoji", "e", false, "Enable emojis in the output")
	pf.BoolVarP(&cmdutil.FullyQualifyStackNames, "fully-qualify-stack-names", "Q", false,
		"Show fully-qualified stack names")
	pf.BoolVar(&backend.DisableIntegrityChecking, "disable-integrity-checking", false,
		"Disable integrity checking of checkpoint files")

	ws := pkgWorkspace.Instance
	root.AddCommand(
		config.NewConfigCmd(ws),
		cmdStack.NewStackCmd(),
		state.NewStateCmd(),
		install.NewInstallCmd(ws),
		operations.NewUpCmd(),
		operations.NewPreviewCmd(),
		operations.NewRefreshCmd(),
		operations.NewDestroyCmd(),
		operations.NewImportCmd(),
		cancel.NewCancelCmd(ws),
		auth.NewLoginCmd(ws, cmdBackend.DefaultLoginManager),
		auth.NewLogoutCmd(ws),
		plugin.NewPluginCmd(),
		// package add / gen-sdk / get-schema: the provider plugin in provider/plugin (docs/plugin.md).
		packagecmd.NewPackageCmd(),
		cmdVersion.NewVersionCmd(),
		about.NewAboutCmd(ws),
	)
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

func main() {
	root := newRootCmd()
	err := root.Execute()
	logging.Flush()
	if err != nil {
		cmd.DisplayErrorMessage(root.Context(), err, root.ErrOrStderr())
		os.Exit(cmd.ExitCodeFor(err))
	}
}
