import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '../../src/access/auth.decorator.js';
import type { TestApp } from './app.js';

export interface RouteInfo {
  method: string;
  path: string;
  handler: string;
  rule: AccessRule | undefined;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

/** Every HTTP route of the running app, with its access rule, found through Nest's discovery. */
export function listRoutes(app: TestApp): RouteInfo[] {
  const discovery = app.nest.get(DiscoveryService);
  const scanner = app.nest.get(MetadataScanner);
  const reflector = app.nest.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefix = (Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined) ?? '';
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, metatype]);
      for (const path of ([] as string[]).concat(paths)) {
        routes.push({ method, path: join(prefix, path), handler: `${metatype.name}.${name}`, rule });
      }
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: path parameters become a well-formed id that exists nowhere. */
export function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
}
