"""Runs a Pulumi Python program for this repository's python language host (run.ts).

Pulumi's own host starts its `pulumi-language-python-exec` script, which ships with the Go host,
not with the `pulumi` package on PyPI. This is our own: it configures the SDK's runtime from the
engine's arguments and the config in the environment (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS),
then runs the program inside the stack, as Pulumi's script does.
"""
import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback

import pulumi
import pulumi.runtime

# The engine reads this exit code as "the program already reported its error".
REPORTED = 32


def main() -> int:
    parser = argparse.ArgumentParser()
    for flag in ("project", "root_directory", "stack", "parallel", "dry_run", "pwd", "monitor", "engine", "organization"):
        parser.add_argument(f"--{flag}")
    parser.add_argument("program")
    parser.add_argument("args", nargs="*")
    args = parser.parse_args()

    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
    settings = pulumi.runtime.Settings(
        monitor=args.monitor,
        engine=args.engine,
        project=args.project,
        stack=args.stack,
        parallel=int(args.parallel or 1),
        dry_run=args.dry_run == "true",
        organization=args.organization,
        root_directory=args.root_directory,
    )
    pulumi.runtime.configure(settings)
    sys.argv = [args.program] + args.args
    if args.pwd:
        os.chdir(args.pwd)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # Unobserved futures of a failed run are expected: asyncio's complaints about them are noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(args.program, run_name="__main__")))
        return 0
    except pulumi.RunError as e:
        pulumi.log.error(str(e))
        return REPORTED
    except Exception:
        pulumi.log.error(f"Program failed with an unhandled exception:\n{traceback.format_exc()}")
        return REPORTED
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
