import { groupClientUuid } from "../../../provider/client/client-uuid";
import { checkGroup } from "../../../provider/resources/group/check";
import { UNKNOWN } from "../../../provider/resources/inputs";

const ALL = "00000000-0000-0000-7001-000000000001";
const base = { displayName: "Sales", parentGroupUuid: "p1" };
const defaults = {
  description: "",
  linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
  releaseConsumedUnitsOnDelete: false,
  forceDestroy: false,
  allowReplace: false,
};

describe("checkGroup accepts and normalises", () => {
  it.each([
    ["the two required inputs, filling defaults", base, { ...base, ...defaults }],
    ["an empty description as no description", { ...base, description: "" }, { ...base, ...defaults }],
    [
      "the device-management spelling of UNSPECIFIED",
      { ...base, linkedEntityType: "DEVICE_GROUP_ENTITY_TYPE_UNSPECIFIED" },
      { ...base, ...defaults },
    ],
    [
      "a short, lower-case unspecified",
      { ...base, linkedEntityType: "unspecified" },
      { ...base, ...defaults },
    ],
    [
      "every option",
      {
        ...base,
        description: "Sales team",
        linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
        releaseConsumedUnitsOnDelete: true,
        forceDestroy: true,
        allowReplace: true,
        existingUuid: "g1",
      },
      {
        ...base,
        description: "Sales team",
        linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
        releaseConsumedUnitsOnDelete: true,
        forceDestroy: true,
        allowReplace: true,
        existingUuid: "g1",
      },
    ],
    [
      "unknown values in preview, untouched",
      { displayName: UNKNOWN, parentGroupUuid: UNKNOWN, description: UNKNOWN },
      { ...defaults, displayName: UNKNOWN, parentGroupUuid: UNKNOWN, description: UNKNOWN },
    ],
    ["the SDK's __provider", { ...base, __provider: "text" }, { ...base, ...defaults }],
  ])("%s", (_name, news, inputs) => {
    expect(checkGroup({}, news)).toEqual({ inputs, failures: [] });
  });
});

describe("checkGroup rejects, naming the input and the fix", () => {
  it.each([
    [
      "a missing displayName",
      { parentGroupUuid: "p1" },
      [{ property: "displayName", reason: "is required: the group's name as shown in ESET PROTECT" }],
    ],
    [
      "a missing parentGroupUuid",
      { displayName: "Sales" },
      [
        {
          property: "parentGroupUuid",
          reason: `is required: the uuid of the parent group (another Group's uuid, or ${ALL} for "All")`,
        },
      ],
    ],
    [
      "a blank displayName",
      { ...base, displayName: "  " },
      [{ property: "displayName", reason: "must not be empty or only spaces" }],
    ],
    [
      "a number as displayName",
      { ...base, displayName: 7 },
      [{ property: "displayName", reason: "must be a string: the group's name as shown in ESET PROTECT" }],
    ],
    [
      "a description that is not text",
      { ...base, description: 3 },
      [{ property: "description", reason: "must be a string, or left out for no description" }],
    ],
    [
      "an unknown linked entity type",
      { ...base, linkedEntityType: "PARTNER" },
      [
        {
          property: "linkedEntityType",
          reason:
            '"PARTNER" is not a linked entity type; use one of GROUP_ENTITY_TYPE_UNSPECIFIED, GROUP_ENTITY_TYPE_CUSTOMER, ' +
            "GROUP_ENTITY_TYPE_MSP, GROUP_ENTITY_TYPE_SITE, GROUP_ENTITY_TYPE_HOUSEHOLD (default GROUP_ENTITY_TYPE_UNSPECIFIED)",
        },
      ],
    ],
    [
      "a flag given as text",
      { ...base, forceDestroy: "yes" },
      [
        {
          property: "forceDestroy",
          reason:
            "must be true or false (default false): whether the group may be deleted while unmanaged groups or devices are inside",
        },
      ],
    ],
    [
      "an empty existingUuid",
      { ...base, existingUuid: "" },
      [
        {
          property: "existingUuid",
          reason: "must be the uuid of an existing group to adopt, or left out to create a new group",
        },
      ],
    ],
    [
      "adopting the parent itself",
      { ...base, existingUuid: "p1" },
      [
        {
          property: "existingUuid",
          reason: "must differ from parentGroupUuid: a group cannot be its own parent",
        },
      ],
    ],
    [
      "a misspelt input",
      { ...base, parentUuid: "p1" },
      [
        {
          property: "parentUuid",
          reason: "unknown input parentUuid; did you mean parentGroupUuid?",
        },
      ],
    ],
  ])("%s", (_name, news, failures) => {
    expect(checkGroup({}, news).failures).toEqual(failures);
  });

  it("reports every bad input at once", () => {
    const failures = checkGroup({}, { displayName: "", parentGroupUuid: 1 }).failures.map((f) => f.property);
    expect(failures).toEqual(["displayName", "parentGroupUuid"]);
  });
});

describe("checkGroup refuses a change that would replace the group", () => {
  const olds = {
    ...base,
    ...defaults,
    description: "Sales team",
  };
  const consequence =
    'so this change would replace group "Sales": it would be deleted together with every group and device below it, ' +
    "and created again empty";

  it("names the description, how to revert and how to opt in", () => {
    expect(checkGroup(olds, { ...olds, description: "Sales and marketing" }).failures).toEqual([
      {
        property: "description",
        reason:
          "cannot change in place: ESET Connect sets a group's description only when the group is created, " +
          `${consequence}. To keep the group, set description back to "Sales team". ` +
          "To replace it anyway, set allowReplace: true on this resource.",
      },
    ]);
  });

  it("refuses a linked entity type as such, not as a replacement", () => {
    const failures = checkGroup(olds, { ...olds, linkedEntityType: "MSP" }).failures;
    expect(failures.map((f) => f.property)).toEqual(["linkedEntityType"]);
    expect(failures[0].reason).toMatch(/^is GROUP_ENTITY_TYPE_MSP: ESET creates linked groups/);
  });

  it.each([
    ["allowReplace is true", { ...olds, description: "new", allowReplace: true }],
    ["the new description is not known yet", { ...olds, description: UNKNOWN }],
    ["UNSPECIFIED is written out", { ...olds, linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED" }],
    ["only the name and parent change", { ...olds, displayName: "Sales EU", parentGroupUuid: "p2" }],
  ])("but not when %s", (_name, news) => {
    expect(checkGroup(olds, news).failures).toEqual([]);
  });

  it("treats a missing old description as empty", () => {
    const { description: _d, ...withoutDescription } = olds;
    expect(checkGroup(withoutDescription, { ...olds, description: "" }).failures).toEqual([]);
  });
});

describe("checkGroup and the uuid a create asks ESET for", () => {
  const urn = "urn:pulumi:prod::shop::my:index:Tree$pulumi-nodejs:dynamic/eset-connect:Group::munich";

  it("derives from resourceUrn alone the clientUuid the Group class sends", () => {
    const { inputs } = checkGroup({}, { ...base, resourceUrn: urn });
    expect(inputs.clientUuid).toBe(groupClientUuid("shop", "prod", "munich"));
  });

  it("keeps the clientUuid the Group class sent", () => {
    const { inputs } = checkGroup({}, { ...base, resourceUrn: urn, clientUuid: "from-class" });
    expect(inputs.clientUuid).toBe("from-class");
  });

  it("adds none to an update's inputs, nor without a URN", () => {
    expect(
      checkGroup({ ...base, ...defaults }, { ...base, resourceUrn: urn }).inputs.clientUuid,
    ).toBeUndefined();
    expect(checkGroup({}, base).inputs.clientUuid).toBeUndefined();
  });
});
