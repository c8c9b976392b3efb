import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** The data folder and every folder in it: the user's alone. */
export const PRIVATE_DIR_MODE = 0o700;
/** Every state file (tasks, inventory cache, P2V jobs, secrets, known_hosts, prefs, ledger...). */
export const PRIVATE_FILE_MODE = 0o600;

export interface PrivateDirReport {
  /** Paths (relative to the data folder) whose mode was looser and was tightened. */
  tightened: string[];
}

/**
 * Creates the data folder 0700, or, when it already exists (an older version, a copied profile, a umask
 * of 022), tightens it and everything under it: folders to 0700, files lose every group/other bit (0644
 * becomes 0600; the owner's own bits stay); symlinks are not followed (a link must not let us chmod something outside the folder).
 * Windows has no POSIX modes: the folder lives in the user's profile, whose ACL already keeps it private.
 */
export async function securePrivateDataDir(dir: string, platform: NodeJS.Platform = process.platform): Promise<PrivateDirReport> {
  const tightened: string[] = [];
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') return { tightened };
  const walk = async (abs: string): Promise<void> => {
    const info = await fsp.lstat(abs).catch(() => null);
    if (!info || info.isSymbolicLink()) return;
    if (info.isDirectory()) {
      await tighten(abs, info.mode, PRIVATE_DIR_MODE);
      const names = await fsp.readdir(abs).catch(() => [] as string[]);
      for (const name of names) await walk(path.join(abs, name));
    } else if (info.isFile()) {
      await tighten(abs, info.mode, info.mode & PRIVATE_DIR_MODE); // owner bits kept (an owner-executable file stays so)
    }
  };
  const tighten = async (abs: string, mode: number, wanted: number): Promise<void> => {
    if ((mode & 0o7077) === 0 && (mode & 0o700) === (wanted & 0o700)) return;
    await fsp.chmod(abs, wanted);
    tightened.push(path.relative(dir, abs) || '.');
  };
  await walk(dir);
  return { tightened };
}
