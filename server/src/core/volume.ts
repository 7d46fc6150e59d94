// How many units one call bills beyond its one request: the images an image-generation request
// asks for (priced per image from the card), and the model calls an agent run may make (its turn
// bound). Both adjust an estimate `callsite.ts` computed, and say what they assumed.
import type { OperationSpec } from './catalogue';
import type { PricedModel } from './ratecards';
import { readPath, staticString, type ObjVal, type Val } from './recognizers/values';
import type { Estimate } from './types';
import { formatUsd, roundUsd as round } from './format';

/** The API's limit on images per request (`n`), the worst case when the count is set at run time. */
const MAX_IMAGES_PER_REQUEST = 10;

/**
 * Image generation: the images a call asks for, priced from the card's per-image table (its size
 * and quality, or the range over those the request leaves to the model or to run time), added to
 * the prompt's input cost `estimateCost` priced. Every value not read says what was assumed.
 */
export function priceImages(estimate: Estimate, params: ObjVal, spec: NonNullable<OperationSpec['images']>, card: PricedModel | undefined): void {
  const say = (s: string) => estimate.assumptions.push(s);
  const first = (names: string[]) => {
    for (const n of names) {
      const v = readPath(params, n).value;
      if (v !== undefined) return { name: n, v };
    }
    return undefined;
  };
  const n = first(spec.count);
  const fallback = spec.defaultCount ?? 1;
  let count = { min: fallback, max: fallback };
  if (!n && fallback !== 1) say(`no ${spec.count[0]}: the API's default of ${fallback} images per request`);
  if (n?.v.kind === 'num') count = { min: n.v.value, max: n.v.value };
  else if (n) {
    count = { min: 1, max: MAX_IMAGES_PER_REQUEST };
    say(`the number of images \`${n.v.text}\` is set at run time: from 1 to the API's ${MAX_IMAGES_PER_REQUEST} per request`);
  }
  // Written as a string ("1024x1024") or as the SDK's constant (Go's `CreateImageSize1024x1024`, .NET's `GeneratedImageSize.W1024xH1024`).
  const sizeOf = (v: Val) => {
    const m = /(\d{3,4})\s*[xX]\s*H?(\d{3,4})/.exec(staticString(v) ?? v.text);
    return m ? `${m[1]}x${m[2]}` : /\bauto\b/i.test(staticString(v) ?? '') ? 'auto' : null;
  };
  const size = first(spec.size);
  const quality = first(spec.quality);
  const images: NonNullable<Estimate['images']> = { count, size: size ? sizeOf(size.v) : null, quality: null, usdPerImage: null };
  estimate.images = images;
  if (!card?.images) return;
  const table = card.images;
  const qualities = [...new Set(table.perImage.flatMap((p) => (p.quality ? [p.quality] : [])))];
  if (quality) {
    const written = (staticString(quality.v) ?? quality.v.text).toLowerCase();
    images.quality = qualities.find((q) => written === q || written.endsWith(q)) ?? (written === 'auto' ? 'auto' : null);
  }
  const sizeWanted = size ? images.size : table.defaultSize;
  const qualityWanted = qualities.length === 0 ? null : quality ? images.quality : (table.defaultQuality ?? null);
  let rows = table.perImage;
  const bySize = sizeWanted && sizeWanted !== 'auto' ? rows.filter((r) => r.size === sizeWanted) : rows;
  if (size && !images.size) say(`image size \`${size.v.text}\` is not known statically: priced over the sizes ${card.id} offers`);
  else if (sizeWanted === 'auto')
    say(`image size ${size ? 'auto' : `not given (the API's default for ${card.id} is auto)`}: priced over the sizes ${card.id} may choose`);
  else if (!bySize.length) say(`image size ${sizeWanted} is not in ${card.id}'s price table: priced over the sizes it lists`);
  else if (!size) say(`image size not given: the API's default for ${card.id}, ${sizeWanted}`);
  if (bySize.length) rows = bySize;
  if (qualities.length) {
    const byQuality = qualityWanted && qualityWanted !== 'auto' ? rows.filter((r) => r.quality === qualityWanted) : rows;
    const writtenQuality = quality ? staticString(quality.v) : undefined;
    if (quality && !images.quality && writtenQuality)
      say(`image quality '${writtenQuality}' is not in ${card.id}'s price table: priced over ${qualities.join(', ')}`);
    else if (quality && !images.quality) say(`image quality \`${quality.v.text}\` is not known statically: priced over ${qualities.join(', ')}`);
    else if (qualityWanted === 'auto')
      say(`image quality ${quality ? 'auto' : `not given (the API's default for ${card.id} is auto)`}: priced over ${qualities.join(', ')}`);
    else if (!byQuality.length) say(`image quality ${qualityWanted} is not in ${card.id}'s price table: priced over ${qualities.join(', ')}`);
    else if (!quality) say(`image quality not given: the API's default for ${card.id}, ${qualityWanted}`);
    if (byQuality.length) rows = byQuality;
  }
  const usd = rows.map((r) => r.usd);
  images.usdPerImage = { min: Math.min(...usd), max: Math.max(...usd) };
  const per =
    images.usdPerImage.min === images.usdPerImage.max
      ? formatUsd(images.usdPerImage.min)
      : `${formatUsd(images.usdPerImage.min)}-${formatUsd(images.usdPerImage.max)}`;
  const many = count.min === count.max ? `${count.min} image${count.min === 1 ? '' : 's'}` : `${count.min}-${count.max} images`;
  say(`${many} at ${per} each (${card.id}'s price per image${card.input ? '; the prompt is priced as input tokens' : ''})`);
  if (estimate.costUsd) {
    estimate.costUsd = {
      min: round(estimate.costUsd.min + count.min * images.usdPerImage.min),
      max: round(estimate.costUsd.max + count.max * images.usdPerImage.max),
    };
  }
}

/**
 * An agent run's model calls: at most its turn bound (`max_turns=5`, else the library's default), so the
 * worst case is that many calls and the best one; a bound set at run time leaves the estimate per call, said.
 */
export function boundTurns(estimate: Estimate, params: ObjVal, turns: NonNullable<OperationSpec['turns']>): void {
  const set = turns.params.map((p) => ({ p, v: readPath(params, p).value })).find((x) => x.v !== undefined);
  if (set && (set.v?.kind !== 'num' || set.v.value < 1)) {
    estimate.assumptions.push(`\`${set.p}\` is set at run time: a run makes up to that many model calls; the estimate is per call`);
    return;
  }
  const n = set?.v?.kind === 'num' ? set.v.value : turns.default;
  if (estimate.costUsd) estimate.costUsd = { min: estimate.costUsd.min, max: round(estimate.costUsd.max * n) };
  const bound = set ? `\`${set.p}=${n}\`` : `no ${turns.params[0]}: the library's default of ${n}`;
  estimate.assumptions.push(
    `${bound}: a run makes at most ${n} model call${n === 1 ? '' : 's'}; the worst case shown is ${n} times one call's (later turns also resend the earlier ones' messages, not counted)`,
  );
}
