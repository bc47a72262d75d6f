export declare function modulesLoadedBy(specifier: string, options?: { cwd?: string }): string[];
