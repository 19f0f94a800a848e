/**
 * An offering's name from its page title: IBM wraps the product name in a few fixed phrases
 * ("Understanding your responsibilities when using X"). Measured over the 33 pages of the test
 * corpus, the titles take these shapes (count of pages):
 *
 *   Understanding your responsibilities when using X            (13)
 *   Understanding your responsibilities when you use [the] X    (11)
 *   Understanding your responsibilities when you are using X     (1)
 *   Your responsibilities with using X                           (4)
 *   Your responsibilities when using X                           (1)
 *   Shared responsibilities for X                                (1)
 *   Responsibilities by using X                                  (1)
 *   Responsibility for resources and features                    (1, names no product)
 *
 * The patterns below take the product name out of any of them (and close variants: "with X",
 * "for using X", "responsibility" in the singular); a title they do not fit is the name as is.
 */
import { collapse } from '../shared/plain-text.js';

const LEAD = String.raw`(?:understanding\s+)?(?:your\s+|shared\s+|the\s+)?responsibilit(?:y|ies)`;
const LINK = String.raw`(?:(?:when|while|with|by|for)\s+(?:you\s+(?:are\s+)?)?(?:using|use)|with|for|in|of)`;
const BOILERPLATE = new RegExp(String.raw`^\s*${LEAD}\s+${LINK}\s+(?:the\s+)?(?<product>.+?)\s*$`, 'iu');

/** Words after "for" that describe the page, not a product ("for resources and features"). */
const NOT_A_PRODUCT = /^(?:resources?|features?|tasks?|areas?|this|these|each|all)\b/i;

export function productName(title: string): string {
  const trimmed = collapse(title);
  const product = BOILERPLATE.exec(trimmed)?.groups?.product?.replace(/[.:]+$/, '').trim();
  if (!product || NOT_A_PRODUCT.test(product)) return trimmed;
  return product;
}
