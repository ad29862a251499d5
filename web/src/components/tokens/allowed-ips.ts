/**
 * The addresses typed into the "Allowed IP addresses" field: one per line, or separated by commas or
 * spaces; trimmed, empties and repeats dropped. None at all means the token works from anywhere (null).
 * Whether each one is an address is the API's to say.
 */
export function parseAllowedIps(text: string): string[] | null {
  const ips = [...new Set(text.split(/[\s,;]+/).filter((ip) => ip !== ''))];
  return ips.length > 0 ? ips : null;
}
