/** The element a fragment (`#id`, percent-encoded or not) names; null when none does. */
export function fragmentTarget(hash: string): HTMLElement | null {
  try {
    return hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  } catch {
    return null;
  }
}
