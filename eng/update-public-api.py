#!/usr/bin/env python3
"""Brings a project's PublicAPI.Unshipped.txt in line with its code (what the PublicApiAnalyzers code fix does in an IDE).

Usage: eng/update-public-api.py src/OmiTrans.Core [more project folders]

Builds each project with a SARIF error log, adds the API names of RS0016 (new public symbol) to PublicAPI.Unshipped.txt
and removes those of RS0017 (declared symbol no longer public) from both files. Run it after changing public API, review
the diff, and move lines to PublicAPI.Shipped.txt when the API ships.
"""
import json, os, subprocess, sys, tempfile

def update(project_dir):
    sarif = tempfile.mktemp(suffix='.sarif')
    subprocess.run(['dotnet', 'build', project_dir, '-c', 'Release', '--no-restore', '-nologo', '-v:q',
                    f'-p:ErrorLog={sarif}%2Cversion=2.1'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.exists(sarif):
        sys.exit(f'{project_dir}: the build wrote no error log')
    results = json.load(open(sarif))['runs'][0]['results']
    add, remove = set(), set()
    for r in results:
        props = r.get('properties', {}).get('customProperties', {})
        if r['ruleId'] == 'RS0016' and 'APIName' in props:
            add.add(props['APIName'])
            for sibling in props.get('ApiNamesOfSiblingsToRemove', '').split(';'):
                if sibling:
                    remove.add(sibling)
        elif r['ruleId'] == 'RS0017':
            text = r['message']['text']
            start = text.find("'") + 1
            end = text.rfind("' is part of")
            if start > 0 and end > start:
                remove.add(text[start:end])
    for name in ('PublicAPI.Shipped.txt', 'PublicAPI.Unshipped.txt'):
        path = os.path.join(project_dir, name)
        if not os.path.exists(path):
            continue
        lines = open(path).read().splitlines()
        header = [l for l in lines if l.startswith('#')]
        body = [l for l in lines if l and not l.startswith('#') and l not in remove]
        if name == 'PublicAPI.Unshipped.txt':
            body = sorted(set(body) | add, key=lambda s: s.lower())
        open(path, 'w').write('\n'.join(header + body) + '\n')
    print(f'{project_dir}: {len(add)} added, {len(remove)} removed')

for d in sys.argv[1:]:
    update(d.rstrip('/'))
