// Setup of the "user errors 403" jest project: its suites run against an emulator answering every
// user error with 403 (see user-error-modes.ts). The chaos run there is smaller: its faults and
// rules are the same, only fewer groups.
process.env.ESET_USER_ERROR_STATUS = "403";
process.env.ESET_CHAOS_N ??= "30";
