# Computes what Debian's genmsg/genpy derive from the shipped mavros_msgs definitions: md5 sums (messages and
# services) and the full texts genpy stores as _full_text. Run with Debian's /usr/bin/python3:
#   mavros_fixtures.py DEFS_DIR OUT_DIR
# DEFS_DIR holds mavros_msgs/*.msg|srv; std_msgs and geometry_msgs come from Debian's ros-*-msgs packages.
# Appends "type md5" lines to OUT_DIR/md5sums.txt and writes OUT_DIR/mavros_msgs__Type.full_text.txt.
import os, sys, genmsg, genmsg.msg_loader as ml
defs, out = sys.argv[1], sys.argv[2]
search = {'mavros_msgs': [os.path.join(defs, 'mavros_msgs')], 'std_msgs': ['/usr/share/std_msgs/msg'],
          'geometry_msgs': ['/usr/share/geometry_msgs/msg']}
ctx = genmsg.MsgContext.create_default()
lines = []
for f in sorted(os.listdir(os.path.join(defs, 'mavros_msgs'))):
    name, kind = f.split('.')
    full = 'mavros_msgs/' + name
    path = os.path.join(defs, 'mavros_msgs', f)
    if kind == 'msg':
        spec = ml.load_msg_from_file(ctx, path, full)
        ml.load_depends(ctx, spec, search)
        lines.append('%s %s' % (full, genmsg.compute_md5(ctx, spec)))
        open(os.path.join(out, 'mavros_msgs__%s.full_text.txt' % name), 'w').write(genmsg.compute_full_text(ctx, spec))
    else:
        spec = ml.load_srv_from_file(ctx, path, full)
        ml.load_depends(ctx, spec, search)
        lines.append('%s %s' % (full, genmsg.compute_md5(ctx, spec)))
with open(os.path.join(out, 'md5sums.txt'), 'a') as o:
    o.write('\n'.join(lines) + '\n')
