/// <reference types="google-apps-script" />
// A text-backed Blob: enough for response bodies and Utilities.newBlob.

type Blob = GoogleAppsScript.Base.Blob;
type BlobMethod =
  | 'copyBlob'
  | 'getBytes'
  | 'getContentType'
  | 'getDataAsString'
  | 'getName'
  | 'setContentType'
  | 'setDataFromString'
  | 'setName';

/** Apps Script byte arrays hold signed bytes (-128..127), as Java does. */
export function toSignedBytes(buffer: Uint8Array): number[] {
  return Array.from(buffer, (b) => (b > 127 ? b - 256 : b));
}

export function fromBytes(bytes: number[]): Buffer {
  return Buffer.from(bytes.map((b) => b & 0xff));
}

export class FakeBlob implements Pick<Blob, BlobMethod> {
  constructor(
    private data: Buffer,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}

  asBlob(): Blob {
    return this as unknown as Blob;
  }
  copyBlob(): Blob {
    return new FakeBlob(Buffer.from(this.data), this.contentType, this.name).asBlob();
  }
  getBytes(): number[] {
    return toSignedBytes(this.data);
  }
  getDataAsString(charset?: string): string {
    return this.data.toString(charset && /^(us-ascii|ascii)$/i.test(charset) ? 'latin1' : 'utf8');
  }
  setDataFromString(text: string): Blob {
    this.data = Buffer.from(text, 'utf8');
    return this.asBlob();
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): Blob {
    this.contentType = contentType;
    return this.asBlob();
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): Blob {
    this.name = name;
    return this.asBlob();
  }
}
