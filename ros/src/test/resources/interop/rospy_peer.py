# A rospy node that talks to the Java runtime in the interop tests. It prints one line per event on stdout,
# space-separated: "ready" once everything exists; "twist ...", "image ...", "array ..." for the first message of
# each Java topic; "srv <success> <message>" with the answer of the Java service /java_srv.
# Floats are printed with float.hex so the Java side can compare bit for bit.
import hashlib
import sys
import threading

import rospy
from geometry_msgs.msg import Twist
from sensor_msgs.msg import Image
from std_msgs.msg import Float32MultiArray, MultiArrayDimension
from std_srvs.srv import SetBool, SetBoolResponse

lock = threading.Lock()


def emit(*fields):
    with lock:
        sys.stdout.write(" ".join(str(f) for f in fields) + "\n")
        sys.stdout.flush()


def hexes(values):
    return [float(v).hex() for v in values]


got = {}


def keep(key, values):
    with lock:
        if key in got:
            return
        got[key] = True
    emit(key, *values)


def on_twist(m):
    keep("twist", hexes([m.linear.x, m.linear.y, m.linear.z, m.angular.x, m.angular.y, m.angular.z]))


def on_image(m):
    keep("image", [m.header.seq, m.header.stamp.secs, m.header.stamp.nsecs, m.header.frame_id, m.height, m.width,
                   m.encoding, m.is_bigendian, m.step, hashlib.sha256(bytes(m.data)).hexdigest()])


def on_array(m):
    dims = [x for d in m.layout.dim for x in (d.label, d.size, d.stride)]
    keep("array", [len(m.layout.dim)] + dims + [m.layout.data_offset, len(m.data)] + hexes(m.data))


def handle(req):
    return SetBoolResponse(success=not req.data, message="py got %s" % req.data)


rospy.init_node("py_peer")
rospy.Subscriber("/java/twist", Twist, on_twist)
rospy.Subscriber("/java/image", Image, on_image)
rospy.Subscriber("/java/array", Float32MultiArray, on_array)
rospy.Service("/py_srv", SetBool, handle)
tw = rospy.Publisher("/py/twist", Twist, queue_size=10)
im = rospy.Publisher("/py/image", Image, queue_size=10)
ar = rospy.Publisher("/py/array", Float32MultiArray, queue_size=10)


def call_java():
    try:
        rospy.wait_for_service("/java_srv", timeout=30)
        r = rospy.ServiceProxy("/java_srv", SetBool)(True)
        emit("srv", r.success, r.message)
    except Exception as e:  # reported, not raised: the test decides
        emit("srv", "error", e)


threading.Thread(target=call_java, daemon=True).start()

twist = Twist()
twist.linear.x, twist.linear.y, twist.linear.z = 0.1, -2.5, 3e-10
twist.angular.x, twist.angular.y, twist.angular.z = -0.0, 1e300, 0.3333333333333333
image = Image()
image.header.frame_id = "py_camera"
image.header.stamp.secs, image.header.stamp.nsecs = 1700000001, 987654321
image.height, image.width, image.encoding, image.is_bigendian, image.step = 80, 160, "rgb8", 0, 480
image.data = bytes((i * 7 + 3) % 256 for i in range(160 * 80 * 3))
array = Float32MultiArray()
array.layout.dim = [MultiArrayDimension("rows", 2, 6), MultiArrayDimension("cols", 3, 3)]
array.layout.data_offset = 1
array.data = [1.5, -2.25, 3.0, 0.1, 1e-30, -7.0, 65504.0]

emit("ready")
rate = rospy.Rate(20)
while not rospy.is_shutdown():
    tw.publish(twist)
    im.publish(image)
    ar.publish(array)
    rate.sleep()
