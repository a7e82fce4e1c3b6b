import type { GivenFile } from './file-actions';

/**
 * The files of a drop, folders walked: a model's folder dropped whole gives model.json and its
 * weight files by their paths in it.
 */
export async function droppedFiles(transfer: DataTransfer): Promise<GivenFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((e) => e !== null);
  if (!entries.some((e) => e.isDirectory)) return [...transfer.files].map((file) => ({ path: file.name, file }));
  const out: GivenFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

/** A file input's files: their paths in the folder when a folder was picked. */
export function pickedFiles(list: FileList): GivenFile[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

async function walk(entry: FileSystemEntry, out: GivenFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries gives a folder's entries a batch at a time, an empty batch at the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return;
    for (const child of batch) await walk(child, out);
  }
}
