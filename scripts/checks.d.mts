// biome-ignore lint/suspicious/noExplicitAny: the spec's schemas as parsed YAML, walked by keyword.
export declare function compileChecks(schemas: Record<string, any>, exported: string[]): string;
