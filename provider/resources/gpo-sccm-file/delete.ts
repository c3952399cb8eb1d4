/** GpoSccmFile `delete`: ESET keeps no copy of the file, so there is nothing to remove remotely. */
export async function deleteGpoSccmFile(): Promise<void> {}
