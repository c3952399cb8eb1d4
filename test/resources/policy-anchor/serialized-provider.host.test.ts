// The PolicyAnchor __provider as the SDK's serializer writes it into state (the way
// pulumi.dynamic.Resource calls it): small, and naming only the installed package.
import * as pulumi from "@pulumi/pulumi";
import { policyAnchorProvider } from "../../../provider/resources/serialized-providers";

it("the PolicyAnchor __provider stays under 1 KB and only names the installed package", async () => {
  const { text } = await pulumi.runtime.serializeFunction(() => policyAnchorProvider, { allowSecrets: true });
  expect(text.length).toBeLessThan(1024);
  expect(text).toContain(
    'require("pulumi-eset-connect/dynamic-provider").install(this, "policyAnchor", req)',
  );
  for (const absent of ["axios", "zod", "password", "ESET_CONNECT", "eset:"])
    expect(text).not.toContain(absent);
});
