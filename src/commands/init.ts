import fs from 'node:fs';
import type { Context } from '../context.js';
import { initFilePath, profileBlockBody } from '../init/write.js';
import { blockText } from '../profile/index.js';
import { parseShell } from '../shell/names.js';
import { transaction } from '../state/transaction.js';
import { print } from '../util/ui.js';

/**
 * Print the profile block for `pyshim init SHELL >> FILE`. The block is
 * static: it only sources the init file when it is readable. The init file
 * is written now if it is missing, so the block works at once.
 */
export async function init(ctx: Context, shellName: string): Promise<void> {
  const shell = parseShell(shellName, 'init');
  if (!fs.existsSync(initFilePath(ctx.paths, shell))) {
    await transaction(ctx, async (tx) => tx.refresh());
  }
  print(blockText(profileBlockBody(ctx.paths, shell)));
}
