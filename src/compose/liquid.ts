// The Liquid sandbox for brand templates. Templates are written by marketers, so they get a
// language that can print and test the context and nothing more: no JavaScript, no file
// access (layout and partials belong to MJML's <mj-include>, resolved at load time inside the
// template directory), own properties only, every variable and filter must exist, and limits
// on template size, render time and memory.
import { Liquid, Tag, type TagToken, type Template, type TopLevelToken } from 'liquidjs';

/** Characters one template source may have; a compiled MJML email is ~10–30 KB. Checked by `parseTemplate`. */
export const MAX_TEMPLATE_CHARS = 500_000;

export const LIQUID_LIMITS = {
  /**
   * Characters an engine may parse in its lifetime: liquidjs counts every `parse` of an engine
   * against one budget, so this bounds a whole template set (one engine pair per set).
   */
  parseLimit: 50_000_000,
  /**
   * Wall-clock milliseconds one render may take. A render takes tens of microseconds; the
   * margin is for a busy machine descheduling the process, not for slow templates.
   */
  renderLimit: 1_000,
  /** Allocation budget (liquidjs counts string and array growth in filters and loops). */
  memoryLimit: 10_000_000,
} as const;

/** Tags that would read another template at render time. */
const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** Rejects file tags when the template is parsed (at load time), with advice instead of a lookup error at send time. */
class NoFileTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`{% ${token.name} %} is not available in Attune templates: share email layout with <mj-include> in MJML instead`);
  }

  *render(): Generator<unknown, void, unknown> {
    // Never reached: construction throws.
  }
}

/**
 * A sandboxed engine. `html` escapes every printed value (for the email HTML); the text engine
 * prints values as they are (plain text, SMS, push, subjects).
 */
export function createLiquid(kind: 'html' | 'text'): Liquid {
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // `{% if member.purchase %}` and `| default:` may test a fact the tier left out.
    lenientIf: true,
    jsTruthy: false,
    dynamicPartials: false,
    // An empty in-memory file system: nothing on disk is ever read.
    templates: {},
    ...(kind === 'html' ? { outputEscape: 'escape' as const } : {}),
    ...LIQUID_LIMITS,
  });
  for (const name of FILE_TAGS) liquid.registerTag(name, NoFileTag);
  return liquid;
}

/** The two engines every template set uses, created once. */
export interface LiquidEngines {
  html: Liquid;
  text: Liquid;
}

export function createEngines(): LiquidEngines {
  return { html: createLiquid('html'), text: createLiquid('text') };
}

/** Parses one template source, refusing oversized ones before liquidjs sees them. */
export function parseTemplate(engine: Liquid, source: string): Template[] {
  if (source.length > MAX_TEMPLATE_CHARS) throw new Error(`the template has ${source.length} characters; the limit is ${MAX_TEMPLATE_CHARS}`);
  return engine.parse(source);
}
