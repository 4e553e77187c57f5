/** What a page shows: the view layer's element tree, built from the compiled templates' output. */

export type BindingKind = 'bind' | 'catch' | 'capture-bind' | 'capture-catch' | 'mut-bind'

export interface Binding {
  event: string
  kind: BindingKind
  handler: string
}

/** Whose methods an element's bindings name: the page, or the custom component whose template made it. */
export interface HandlerOwner {
  describe: string
  instance: Record<string, unknown>
}

export class WxElement {
  readonly children: WxNode[] = []
  constructor(
    /** The component's name as in WXML: view, text, button, input, picker … (custom components by their tag). */
    readonly tag: string,
    readonly id: string,
    readonly attributes: Record<string, unknown>,
    readonly classes: string[],
    readonly dataset: Record<string, unknown>,
    readonly bindings: Binding[],
    readonly parent: WxElement | null,
    readonly owner: HandlerOwner,
  ) {}

  /** What it shows: the text of its descendants joined. */
  get text(): string {
    return textOf(this)
  }

  /** Descendants in document order (not the element itself). */
  descendants(): WxElement[] {
    return [...walk(this)].slice(1)
  }

  all(selector: string, options: { hasText?: string | RegExp } = {}): WxElement[] {
    return this.descendants().filter((element) => matchesSelector(element, selector) && hasText(element, options.hasText))
  }

  find(selector: string, options: { hasText?: string | RegExp } = {}): WxElement {
    const [first] = this.all(selector, options)
    if (!first) throw new Error(`no ${selector}${options.hasText ? ` with text “${options.hasText}”` : ''} in <${this.tag}> “${this.text.slice(0, 80)}”`)
    return first
  }
}

export interface TextNode {
  text: string
  parent: WxElement
}

export type WxNode = WxElement | TextNode

export const isElement = (node: WxNode): node is WxElement => node instanceof WxElement

export function hasText(element: WxElement, text: string | RegExp | undefined): boolean {
  if (text === undefined) return true
  const content = textOf(element)
  return typeof text === 'string' ? content.includes(text) : text.test(content)
}

const BINDING_PATTERN = /^(capture-bind|capture-catch|mut-bind|bind|catch):?(.+)$/

export function parseBinding(attribute: string, value: unknown): Binding | null {
  if (typeof value !== 'string' || value === '') return null
  const match = BINDING_PATTERN.exec(attribute)
  if (!match) return null
  return { kind: match[1] as BindingKind, event: match[2].toLowerCase(), handler: value }
}

/** data-sid → sid, data-foo-bar → fooBar, as WeChat builds `dataset`. */
export function datasetKey(attribute: string): string | null {
  if (!attribute.startsWith('data-')) return null
  return attribute.slice(5).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

/** The text an element shows, its descendants' text joined (like textContent). */
export function textOf(node: WxNode): string {
  if (!isElement(node)) return node.text
  return node.children.map(textOf).join('')
}

/** Every element of the tree, in document order. */
export function* walk(root: WxElement): Generator<WxElement> {
  yield root
  for (const child of root.children) if (isElement(child)) yield* walk(child)
}

/** `tag`, `.class`, `tag.class.other` (enough to name what a journey looks for). */
export function matchesSelector(element: WxElement, selector: string): boolean {
  const match = /^([a-z][\w-]*)?((?:\.[\w-]+)*)$/i.exec(selector.trim())
  if (!match) throw new Error(`unsupported selector "${selector}" (use tag, .class or tag.class)`)
  const [, tag, classPart] = match
  if (tag && element.tag !== tag) return false
  const classes = classPart.split('.').filter(Boolean)
  return classes.every((name) => element.classes.includes(name))
}

/** A short outline of a tree, for failure messages: what the page shows. */
export function describeTree(root: WxElement, maxLength = 3000): string {
  const lines: string[] = []
  const visit = (element: WxElement, depth: number) => {
    const ownText = element.children.filter((child) => !isElement(child)).map(textOf).join('').trim()
    if (ownText || ['button', 'input', 'textarea', 'picker', 'image', 'switch'].includes(element.tag)) {
      const extra = element.tag === 'input' || element.tag === 'textarea' ? ` value="${String(element.attributes.value ?? '')}" placeholder="${String(element.attributes.placeholder ?? '')}"` : ''
      const classes = element.classes.length ? `.${element.classes.join('.')}` : ''
      lines.push(`${'  '.repeat(Math.min(depth, 8))}<${element.tag}${classes}${extra}> ${ownText}`)
    }
    for (const child of element.children) if (isElement(child)) visit(child, depth + 1)
  }
  visit(root, 0)
  const text = lines.join('\n')
  return text.length > maxLength ? `${text.slice(0, maxLength)}\n…` : text
}
