/**
 * Runs a command-line script's `main`: exits with the code it returns, or with 1 and the error (its
 * stack, so a failing benchmark or chaos run says where) prefixed with the script's name.
 */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[${name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
