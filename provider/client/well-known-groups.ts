/**
 * The uuid of ESET PROTECT's root group "All", the same in every tenant (seen in public clients;
 * ESET does not document it). It cannot be renamed, moved or deleted.
 */
export const ALL_GROUP_UUID = "00000000-0000-0000-7001-000000000001";
