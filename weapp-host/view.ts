import { datasetKey, parseBinding, WxElement, type Binding, type HandlerOwner } from './elements'
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
  const root = new WxElement('page', '', {}, [], {}, [], null, owner)
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
  const bindings: Binding[] = []
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
  if (typeof attr.style === 'string') attributes.style = attr.style
  const element = new WxElement(tag, typeof attr.id === 'string' ? attr.id : '', attributes, classes, dataset, bindings, parent, owner)
  parent.children.push(element)
  return element
}
