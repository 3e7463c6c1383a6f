# Reads JSON lines {type, definition, hex, yaml, fill} on stdin. For each, builds the message class from our full
# definition with genpy.dynamic (as rosbag does), deserializes our bytes and prints them as rostopic echo would
# (strify), and, when asked, fills a fresh message from our YAML the way rostopic pub does and serializes it.
import sys, json, binascii, yaml, genpy.dynamic, genpy.message
classes = {}
for line in sys.stdin:
    case = json.loads(line)
    out = {}
    try:
        key = (case['type'], case['definition'])
        if key not in classes:
            classes[key] = genpy.dynamic.generate_dynamic(case['type'], case['definition'])[case['type']]
        cls = classes[key]
        out['md5'] = cls._md5sum
        msg = cls()
        msg.deserialize(binascii.unhexlify(case['hex']))
        out['strify'] = genpy.message.strify_message(msg)
        if case['fill']:
            filled = cls()
            genpy.message.fill_message_args(filled, [yaml.safe_load(case['yaml'])])
            buf = __import__('io').BytesIO()
            filled.serialize(buf)
            out['hex'] = binascii.hexlify(buf.getvalue()).decode()
    except Exception as e:
        out['error'] = '%s: %s' % (type(e).__name__, e)
    print(json.dumps(out), flush=True)
