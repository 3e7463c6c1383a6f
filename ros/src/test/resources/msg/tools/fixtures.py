import sys, importlib.util, importlib
out = sys.argv[1]; index = sys.argv[2]
sys.path.append('/tmp/msgs-deb/x/usr/lib/python3/dist-packages')
lines = []
for entry in open(index).read().split():
    pkg, f = entry.split('/'); name, kind = f.split('.')
    path = '/usr/lib/python3/dist-packages/%s/%s/_%s.py' % (pkg, kind, name)
    if pkg == 'nav_msgs': path = '/tmp/msgs-deb/x' + path
    spec = importlib.util.spec_from_file_location('m_%s_%s' % (pkg, name), path)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    cls = getattr(m, name)
    lines.append('%s/%s %s' % (pkg, name, cls._md5sum))
    if kind == 'msg':
        open('%s/%s__%s.full_text.txt' % (out, pkg, name), 'w').write(cls._full_text)
open(out + '/md5sums.txt', 'w').write('\n'.join(lines) + '\n')
