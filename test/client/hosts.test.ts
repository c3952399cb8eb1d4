import { serviceBaseUrl, ServiceLocation, Service } from "../../provider/client/hosts";

describe("serviceBaseUrl", () => {
  const cases: Array<[Service, ServiceLocation, string]> = [
    ["auth", { region: "eu" }, "https://eu.business-account.iam.eset.systems"],
    ["assetManagement", { region: "jpn" }, "https://jpn.asset-management.eset.systems"],
    ["deviceManagement", { region: "us" }, "https://us.device-management.eset.systems"],
    ["installerManagement", { region: "ca" }, "https://ca.installer-management.eset.systems"],
    ["policyManagement", { region: "de" }, "https://de.policy-management.eset.systems"],
    ["policyManagement", { endpoint: "http://127.0.0.1:8080" }, "http://127.0.0.1:8080"],
    ["auth", { region: "eu", endpoint: "http://127.0.0.1:8080/" }, "http://127.0.0.1:8080"],
    [
      "deviceManagement",
      { endpoint: "http://127.0.0.1:8080", hosts: { deviceManagement: "https://proxy.example/dm" } },
      "https://proxy.example/dm",
    ],
  ];
  it.each(cases)("routes %s for %j to %s", (service, location, expected) => {
    expect(serviceBaseUrl(service, location)).toBe(expected);
  });

  it("names the settings to fix when no address is known", () => {
    expect(() => serviceBaseUrl("auth", {})).toThrow(
      "No address for the auth service: set a region (eu, de, us, ca, jpn) or an endpoint.",
    );
  });
});
