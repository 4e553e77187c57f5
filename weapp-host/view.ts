import { datasetKey, parseBinding, type HandlerOwner, type WxElement, type WxNode } from './elements'
import type { VirtualNode } from './templates'

/** A custom component met while building the tree: the logic layer answers its template and data. */
export interface ComponentMount {
  template: string
  data: Record<string, unknown>
  owner: HandlerOwner
  /** options.virtualHost: the component adds no element of its own. */
  virtualHost: boolean
  usingComponents: Record<string, string>
  key: string
}

export interface ComponentResolver {
  /** null when `tag` is not a custom component of the template's owner. */
  mount(tag: string, properties: Record<string, unknown>, usingComponents: Record<string, string>, ownerPath: string, key: string): ComponentMount | null
  render(template: string, data: Record<string, unknown>): VirtualNode
}

const ATTRIBUTES_NOT_SHOWN = new Set(['class', 'id', 'style'])

/**
 * Builds the element tree of a page from the compiled templates' virtual nodes: text, classes,
 * attributes, dataset and event bindings, with each custom component's template rendered in place.
 */
export function buildView(
  page: VirtualNode,
  owner: HandlerOwner,
  ownerPath: string,
  usingComponents: Record<string, string>,
  components: ComponentResolver,
): WxElement {
  const root: WxElement = { tag: 'page', id: '', attributes: {}, classes: [], dataset: {}, bindings: [], children: [], parent: null, owner }
  appendChildren(root, page.children ?? [], owner, ownerPath, usingComponents, components, 'r')
  return root
}

function appendChildren(
  parent: WxElement,
  children: (VirtualNode | string)[],
  owner: HandlerOwner,
  ownerPath: string,
  usingComponents: Record<string, string>,
  components: ComponentResolver,
  key: string,
): void {
  children.forEach((child, index) => {
    if (typeof child === 'string') {
      if (child !== '') parent.children.push({ text: child, parent })
      return
    }
    const childKey = `${key}.${index}`
    const tag = child.tag.replace(/^wx-/, '')
    const attributes = child.attr ?? {}
    const mount = child.tag.startsWith('wx-') ? null : components.mount(tag, attributes, usingComponents, ownerPath, childKey)
    if (mount) {
      const tree = components.render(mount.template, mount.data)
      const host = mount.virtualHost ? parent : appendElement(parent, tag, attributes, owner)
      appendChildren(host, tree.children ?? [], mount.owner, mount.template.replace(/\.wxml$/, ''), mount.usingComponents, components, mount.key)
      return
    }
    const element = appendElement(parent, tag, attributes, owner)
    appendChildren(element, child.children ?? [], owner, ownerPath, usingComponents, components, childKey)
  })
}

function appendElement(parent: WxElement, tag: string, attr: Record<string, unknown>, owner: HandlerOwner): WxElement {
  const attributes: Record<string, unknown> = {}
  const dataset: Record<string, unknown> = {}
  const bindings = []
  for (const [name, value] of Object.entries(attr)) {
    const binding = parseBinding(name, value)
    if (binding) {
      bindings.push(binding)
      continue
    }
    const dataName = datasetKey(name)
    if (dataName) dataset[dataName] = value
    else if (!ATTRIBUTES_NOT_SHOWN.has(name)) attributes[name] = value
  }
  const classes = typeof attr.class === 'string' ? attr.class.split(/\s+/).filter(Boolean) : []
  const element: WxElement = {
    tag,
    id: typeof attr.id === 'string' ? attr.id : '',
    attributes: { ...attributes, ...(typeof attr.style === 'string' ? { style: attr.style } : {}) },
    classes,
    dataset,
    bindings,
    children: [],
    parent,
    owner,
  }
  parent.children.push(element as WxNode as WxElement)
  return element
}
