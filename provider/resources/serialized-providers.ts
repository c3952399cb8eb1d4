/**
 * The provider objects Pulumi serializes into state as `__provider`.
 *
 * Each has a single method, `configure`, because the dynamic-provider host always calls
 * `configure` on a freshly loaded provider before any other method, on the same object. There it
 * installs the CRUD methods of the package installed next to the Pulumi program. So the text kept
 * in state only names the package: fixes to `read` and `delete` reach resources created by older
 * versions, no credential is ever captured, and the text stays small (every serialized function
 * costs about 180 bytes of wrapper, so one method instead of seven keeps it under 1 KB).
 *
 * This text is a contract with every stack ever deployed: `install(target, kind, req)` must keep
 * its name and meaning in every future version of `pulumi-eset-connect/dynamic-provider`.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Provider of `pulumi-nodejs:dynamic/eset-connect:Group`. */
export const groupProvider = {
  configure(this: object, req: pulumi.dynamic.ConfigureRequest) {
    return require("pulumi-eset-connect/dynamic-provider").install(this, "group", req);
  },
} as unknown as pulumi.dynamic.ResourceProvider;

/** Provider of `pulumi-nodejs:dynamic/eset-connect:GpoSccmFile`. */
export const gpoSccmFileProvider = {
  configure(this: object, req: pulumi.dynamic.ConfigureRequest) {
    return require("pulumi-eset-connect/dynamic-provider").install(this, "gpoSccmFile", req);
  },
} as unknown as pulumi.dynamic.ResourceProvider;

/** Provider of `pulumi-nodejs:dynamic/eset-connect:GroupAnchor`. */
export const groupAnchorProvider = {
  configure(this: object, req: pulumi.dynamic.ConfigureRequest) {
    return require("pulumi-eset-connect/dynamic-provider").install(this, "groupAnchor", req);
  },
} as unknown as pulumi.dynamic.ResourceProvider;

/** Provider of `pulumi-nodejs:dynamic/eset-connect:GroupPolicies`. */
export const groupPoliciesProvider = {
  configure(this: object, req: pulumi.dynamic.ConfigureRequest) {
    return require("pulumi-eset-connect/dynamic-provider").install(this, "groupPolicies", req);
  },
} as unknown as pulumi.dynamic.ResourceProvider;

/** Provider of `pulumi-nodejs:dynamic/eset-connect:PolicyAnchor`. */
export const policyAnchorProvider = {
  configure(this: object, req: pulumi.dynamic.ConfigureRequest) {
    return require("pulumi-eset-connect/dynamic-provider").install(this, "policyAnchor", req);
  },
} as unknown as pulumi.dynamic.ResourceProvider;
