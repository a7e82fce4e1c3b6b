/** Saves each file as a download of its own name (a model is several files: model.json and its shards). */
export function downloadFiles(files: ReadonlyMap<string, Uint8Array | string>): void {
  for (const [name, content] of files) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([content as BlobPart]));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}
