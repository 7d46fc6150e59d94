// Image input tokens by each provider's published formula (ratecards/sources/pricing-facts.md
// section 4.5, as of 2026-08). A count is only given when the formula for the model is known and
// the image's size is (or the size does not matter: OpenAI `detail: "low"`); otherwise the image
// is an unknown part, and the reason is said.

export interface ImageInput {
  width: number | null;
  height: number | null;
  /** OpenAI's `detail`: low, high, auto (or unset). */
  detail: string | null;
}

export type ImageTokens = { tokens: number; formula: string } | { tokens: null; why: string };

/** OpenAI base + tile models: `detail: low` costs the base; otherwise base + tiles of 512 px. */
const OPENAI_TILES: { match: RegExp; base: number; tile: number; verified: boolean }[] = [
  { match: /^gpt-4o-mini/, base: 2833, tile: 5667, verified: false },
  { match: /^(gpt-4o|gpt-4\.1|gpt-4\.5|chatgpt-4o)(?!-mini|-nano)/, base: 85, tile: 170, verified: true },
  { match: /^(o1|o1-pro|o3)(-\d{4}-\d\d-\d\d)?$/, base: 75, tile: 150, verified: false },
  { match: /^gpt-5(-chat-latest)?(-\d{4}-\d\d-\d\d)?$/, base: 70, tile: 140, verified: false },
  { match: /^computer-use-preview/, base: 65, tile: 129, verified: false },
];

/** OpenAI patch models: 32 px patches, at most 1,536, times a per-model multiplier. */
const OPENAI_PATCHES: { match: RegExp; multiplier: number }[] = [
  { match: /^(gpt-4\.1-mini|gpt-5-mini)/, multiplier: 1.62 },
  { match: /^(gpt-4\.1-nano|gpt-5-nano)/, multiplier: 2.46 },
  { match: /^o4-mini/, multiplier: 1.72 },
];

const SOURCE = 'pricing-facts 4.5';

export function imageTokens(provider: string, modelId: string | null, img: ImageInput): ImageTokens {
  const known = img.width !== null && img.height !== null && img.width > 0 && img.height > 0;
  const w = img.width ?? 0;
  const h = img.height ?? 0;
  if (provider === 'openai' && modelId) {
    const patch = OPENAI_PATCHES.find((p) => p.match.test(modelId));
    if (patch) {
      if (!known) return { tokens: null, why: 'image size unknown' };
      return {
        tokens: Math.ceil(openaiPatches(w, h) * patch.multiplier),
        formula: `32 px patches (at most 1,536) x ${patch.multiplier} for ${modelId} (${SOURCE}, not re-verified)`,
      };
    }
    const tile = OPENAI_TILES.find((t) => t.match.test(modelId));
    if (tile) {
      const note = tile.verified ? SOURCE : `${SOURCE}, not re-verified`;
      if (img.detail === 'low') return { tokens: tile.base, formula: `detail low: ${tile.base} tokens whatever the size (${note})` };
      if (!known) return { tokens: null, why: 'image size unknown (set `detail: "low"` for a fixed cost)' };
      const tiles = openaiTiles(w, h);
      const auto = img.detail === 'high' ? '' : '; detail auto priced as high';
      return { tokens: tile.base + tiles * tile.tile, formula: `${tile.base} + ${tile.tile} per 512 px tile x ${tiles} tiles (${note}${auto})` };
    }
    return { tokens: null, why: `no image token formula published for ${modelId}` };
  }
  if (provider === 'anthropic') {
    if (!known) return { tokens: null, why: 'image size unknown' };
    // Images with a long edge above 1,568 px are scaled down first; about 1,600 tokens at most.
    const scale = Math.min(1, 1568 / Math.max(w, h));
    const tokens = Math.min(Math.ceil((w * scale * (h * scale)) / 750), 1600);
    return { tokens, formula: `width x height / 750 after scaling to a 1,568 px long edge, about 1,600 at most (${SOURCE})` };
  }
  if (provider === 'google' && modelId && /^gemini-(1\.5|2\.0|2\.5)/.test(modelId)) {
    if (!known) return { tokens: null, why: 'image size unknown' };
    if (w <= 384 && h <= 384) return { tokens: 258, formula: `258 tokens for an image within 384 x 384 px (${SOURCE}, not re-verified)` };
    const tiles = Math.ceil(w / 768) * Math.ceil(h / 768);
    return { tokens: tiles * 258, formula: `258 per 768 px tile x ${tiles} tiles (${SOURCE}, not re-verified)` };
  }
  return { tokens: null, why: `no image token formula known for ${modelId ?? provider}` };
}

/** Fit within 2048 x 2048, then scale the shortest side down to 768, and count 512 px tiles. */
function openaiTiles(w: number, h: number): number {
  let s = Math.min(1, 2048 / Math.max(w, h));
  let sw = w * s;
  let sh = h * s;
  s = Math.min(1, 768 / Math.min(sw, sh));
  sw *= s;
  sh *= s;
  return Math.ceil(sw / 512) * Math.ceil(sh / 512);
}

/** 32 px patches; an image of more than 1,536 patches is scaled down to fit. */
function openaiPatches(w: number, h: number): number {
  const patches = Math.ceil(w / 32) * Math.ceil(h / 32);
  if (patches <= 1536) return patches;
  let r = Math.sqrt((32 * 32 * 1536) / (w * h));
  r *= Math.min(Math.floor((w * r) / 32) / ((w * r) / 32), Math.floor((h * r) / 32) / ((h * r) / 32));
  return Math.ceil((w * r) / 32) * Math.ceil((h * r) / 32);
}
