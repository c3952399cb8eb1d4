/**
 * The one place the provider plugin reaches the resources' code: the same CRUD implementations the
 * dynamic-provider host runs, installed through the host's `install` (the contract every deployed
 * stack's serialized provider calls). `install` also gives the methods the host's error reporting
 * and hands the stack config to the same settings, so both ways in behave alike.
 */
export { install } from "../dynamic-provider/host";
