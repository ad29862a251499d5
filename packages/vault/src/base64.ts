// Buffer.from(…, 'base64') silently skips junk, so validate before decoding.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isStrictBase64(value: string): boolean {
  return value.length > 0 && STRICT_BASE64.test(value);
}

export function decodeBase64(value: string): Buffer | undefined {
  return isStrictBase64(value) ? Buffer.from(value, 'base64') : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
