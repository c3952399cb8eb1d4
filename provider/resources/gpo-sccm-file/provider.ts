/**
 * The GpoSccmFile methods the dynamic-provider host runs. ESET generates the file on demand and
 * keeps no copy: create generates it, every input change replaces it (so there is no update), and
 * delete has nothing to remove.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import { checkGpoSccmFileInputs } from "./check";
import { createGpoSccmFile } from "./create";
import { deleteGpoSccmFile } from "./delete";
import { diffGpoSccmFile } from "./diff";
import { readGpoSccmFile } from "./read";

export function gpoSccmFileMethods(connect: Connect): Omit<pulumi.dynamic.ResourceProvider, "configure"> {
  return {
    check: (olds, news) => checkGpoSccmFileInputs(connect, olds, news),
    diff: async (id, olds, news) => diffGpoSccmFile(id, olds, news),
    create: (inputs) => createGpoSccmFile(connect, inputs),
    read: (id, props) => readGpoSccmFile(connect, id, props ?? {}),
    delete: deleteGpoSccmFile,
  };
}
