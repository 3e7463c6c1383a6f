# A fake mavros 1.x for the pilot's contract test, run with Debian's /usr/bin/python3 and rospy.
#
#   fake_mavros.py DEFS_DIR GEN_DIR
#
# Builds the mavros_msgs Python classes at run time with Debian's genpy from DEFS_DIR/mavros_msgs/*.msg|srv (the
# texts the Java side ships) into GEN_DIR, then acts as mavros does towards an offboard node:
#   - publishes /mavros/state (mavros_msgs/State, latched), at 1 Hz and on every change; it starts connected,
#     disarmed, in POSCTL;
#   - offers /mavros/set_mode (mavros_msgs/SetMode): switches to custom_mode and answers mode_sent=True;
#   - offers /mavros/cmd/arming (mavros_msgs/CommandBool): arms or disarms and answers success=True;
#   - subscribes /mavros/setpoint_raw/local (mavros_msgs/PositionTarget) and records every setpoint.
# stdout carries one JSON object per line: {"event": "ready"} once everything is up; {"event": "set_mode", ...},
# {"event": "arming", ...} and {"event": "state", ...} as they happen (t = time.time() of the event); when stdin
# closes, {"event": "summary", "setpoints": [...], "connection": {...}} and the script exits.
import json, os, sys, threading, time

defs, gen = sys.argv[1], sys.argv[2]

import genpy.generate_initpy
import genpy.generator

src = os.path.join(defs, 'mavros_msgs')
search = {'mavros_msgs': [src], 'std_msgs': ['/usr/share/std_msgs/msg'], 'geometry_msgs': ['/usr/share/geometry_msgs/msg']}
pkg = os.path.join(gen, 'mavros_msgs')
for kind, generator in (('msg', genpy.generator.MsgGenerator()), ('srv', genpy.generator.SrvGenerator())):
    files = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith('.' + kind))
    if generator.generate_messages('mavros_msgs', files, os.path.join(pkg, kind), search) != 0:
        sys.exit('genpy could not generate mavros_msgs/%s' % kind)
    genpy.generate_initpy.write_modules(os.path.join(pkg, kind))
open(os.path.join(pkg, '__init__.py'), 'w').close()
sys.path.insert(0, gen)

import rospy
from mavros_msgs.msg import PositionTarget, State
from mavros_msgs.srv import CommandBool, CommandBoolResponse, SetMode, SetModeResponse

out_lock = threading.Lock()


def emit(obj):
    with out_lock:
        sys.stdout.write(json.dumps(obj) + '\n')
        sys.stdout.flush()


lock = threading.Lock()
vehicle = {'connected': True, 'armed': False, 'mode': 'POSCTL'}
setpoints = []
connection = {}

rospy.init_node('mavros', disable_signals=True)
state_pub = rospy.Publisher('/mavros/state', State, queue_size=10, latch=True)


def publish_state(reason):
    with lock:
        s = State(connected=vehicle['connected'], armed=vehicle['armed'], guided=True, manual_input=False,
                  mode=vehicle['mode'], system_status=4)
    s.header.stamp = rospy.Time.now()
    state_pub.publish(s)
    if reason:
        emit({'event': 'state', 't': time.time(), 'reason': reason, 'armed': s.armed, 'mode': s.mode})


def on_set_mode(req):
    emit({'event': 'set_mode', 't': time.time(), 'base_mode': req.base_mode, 'custom_mode': req.custom_mode})
    with lock:
        vehicle['mode'] = req.custom_mode
    publish_state('set_mode')
    return SetModeResponse(mode_sent=True)


def on_arming(req):
    emit({'event': 'arming', 't': time.time(), 'value': req.value})
    with lock:
        vehicle['armed'] = req.value
    publish_state('arming')
    return CommandBoolResponse(success=True, result=0)


def on_setpoint(m):
    now = time.time()
    with lock:
        if not connection:
            h = getattr(m, '_connection_header', {})
            connection.update({'md5sum': h.get('md5sum'), 'type': h.get('type'),
                               'definition_matches': h.get('message_definition') == PositionTarget._full_text,
                               'class_md5sum': PositionTarget._md5sum})
        setpoints.append({'t': now, 'stamp_ns': m.header.stamp.to_nsec(), 'seq': m.header.seq,
                          'frame': m.coordinate_frame, 'mask': m.type_mask,
                          'vx': m.velocity.x, 'vy': m.velocity.y, 'vz': m.velocity.z, 'yaw_rate': m.yaw_rate,
                          'px': m.position.x, 'afx': m.acceleration_or_force.x, 'yaw': m.yaw,
                          'armed': vehicle['armed'], 'mode': vehicle['mode']})


rospy.Service('/mavros/set_mode', SetMode, on_set_mode)
rospy.Service('/mavros/cmd/arming', CommandBool, on_arming)
rospy.Subscriber('/mavros/setpoint_raw/local', PositionTarget, on_setpoint, queue_size=100)
publish_state(None)


def heartbeat():
    while not rospy.is_shutdown():
        time.sleep(1.0)
        publish_state(None)


threading.Thread(target=heartbeat, daemon=True).start()
emit({'event': 'ready', 't': time.time(), 'state_md5sum': State._md5sum, 'set_mode_md5sum': SetMode._md5sum,
      'arming_md5sum': CommandBool._md5sum})

sys.stdin.read()   # until the test closes our stdin
with lock:
    emit({'event': 'summary', 't': time.time(), 'setpoints': list(setpoints), 'connection': dict(connection)})
rospy.signal_shutdown('test done')
