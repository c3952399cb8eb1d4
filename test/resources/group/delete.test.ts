import { devicesInside } from "../../../provider/resources/group/delete";
import { DeviceGroup } from "../../../provider/client/schemas";
import { buildTree } from "../../../provider/client/tree";

const g = (uuid: string, parentGroupUuid?: string): DeviceGroup => ({
  uuid,
  displayName: uuid,
  ...(parentGroupUuid ? { parentGroupUuid } : {}),
  isSecurityGroup: true,
  linkedEntityType: "GROUP_ENTITY_TYPE_UNSPECIFIED",
});
const tree = buildTree([g("all"), g("emea", "all"), g("berlin", "emea"), g("us", "all")]);
const d = (uuid: string, groupUuid: string) => ({ uuid, displayName: `pc-${uuid}`, groupUuid });

describe("devicesInside", () => {
  it.each([
    ["a device in the group", [d("1", "emea")], "emea", ["1"]],
    ["a device in a group below", [d("1", "berlin")], "emea", ["1"]],
    ["a device elsewhere", [d("1", "us")], "emea", []],
    // ESET lists a device once per group membership [spec]: count it once.
    ["a device in the group and below it", [d("1", "emea"), d("1", "berlin")], "emea", ["1"]],
    ["a device in the group and elsewhere", [d("1", "us"), d("1", "berlin")], "emea", ["1"]],
    ["a device in a group the tree does not show", [d("1", "gone")], "emea", []],
  ])("%s", (_name, devices, group, expected) => {
    expect(devicesInside(tree, group, devices).map((x) => x.uuid)).toEqual(expected);
  });
});
