/*
 * A ROS 2 peer on Cyclone DDS for the interop test, in place of rclpy (which Debian does not ship): it speaks the
 * ROS 2 wire conventions (rt/ topics, pkg::msg::dds_::T_ types) with the types in ros2_types.idl.
 *
 *   peer DOMAIN twist-sub TOPIC QOS SECONDS COUNT      print "twist lx ly lz ax ay az" per sample, COUNT then exit
 *   peer DOMAIN twist-pub TOPIC QOS SECONDS lx ly lz ax ay az
 *   peer DOMAIN image-pub TOPIC QOS SECONDS WIDTH HEIGHT
 *   peer DOMAIN image-sub TOPIC QOS SECONDS COUNT      print "image W H ENCODING SEC NANOSEC FRAME CHECKSUM"
 *   peer DOMAIN setbool-call SERVICE QOS SECONDS COUNT std_srvs/SetBool client: once a server matched, COUNT calls
 *                                                      (data true, false, ...), one at a time; print
 *                                                      "reply CLIENT SEQ SUCCESS MESSAGE" for each of its replies
 *   peer DOMAIN setbool-serve SERVICE QOS SECONDS COUNT std_srvs/SetBool server: answer COUNT requests (success =
 *                                                      data, message "cpeer on"/"cpeer off"); print
 *                                                      "request CLIENT SEQ DATA" for each
 *
 * SERVICE is the ROS name (/x): the topics are rq/xRequest and rr/xReply, with rmw_cyclonedds's request header.
 * QOS is reliability,durability,depth: reliable|besteffort, volatile|transientlocal, keep-last depth.
 * Every mode prints "matched N" whenever its matched count changes; publishers publish every 50 ms.
 * Exit status: 0 done, 3 timed out before COUNT samples, 2 bad arguments, 1 DDS error.
 * Run it with CYCLONEDDS_URI pointing at the loopback-only configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "ros2_types.h"

static dds_qos_t *parse_qos(const char *s) {
  char rel[32], dur[32];
  int depth;
  if (sscanf(s, "%31[^,],%31[^,],%d", rel, dur, &depth) != 3 || depth < 1) return NULL;
  dds_qos_t *q = dds_create_qos();
  if (strcmp(rel, "reliable") == 0) dds_qset_reliability(q, DDS_RELIABILITY_RELIABLE, DDS_SECS(1));
  else if (strcmp(rel, "besteffort") == 0) dds_qset_reliability(q, DDS_RELIABILITY_BEST_EFFORT, 0);
  else return NULL;
  if (strcmp(dur, "volatile") == 0) dds_qset_durability(q, DDS_DURABILITY_VOLATILE);
  else if (strcmp(dur, "transientlocal") == 0) dds_qset_durability(q, DDS_DURABILITY_TRANSIENT_LOCAL);
  else return NULL;
  dds_qset_history(q, DDS_HISTORY_KEEP_LAST, depth);
  return q;
}

static uint32_t matched_now(dds_entity_t e, int writer) {
  if (writer) {
    dds_publication_matched_status_t st;
    if (dds_get_publication_matched_status(e, &st) < 0) return 0;
    return st.current_count;
  }
  dds_subscription_matched_status_t st;
  if (dds_get_subscription_matched_status(e, &st) < 0) return 0;
  return st.current_count;
}

static void report_match(dds_entity_t e, int writer, uint32_t *last) {
  uint32_t n = matched_now(e, writer);
  if (n != *last) {
    printf("matched %u\n", n);
    fflush(stdout);
    *last = n;
  }
}

/* Waits until both endpoints have matched someone; 0 when they did before `end`. */
static int await_matches(dds_entity_t wr, dds_entity_t rd, dds_time_t end) {
  uint32_t lw = 0, lr = 0;
  while (dds_time() < end) {
    report_match(wr, 1, &lw);
    report_match(rd, 0, &lr);
    if (lw > 0 && lr > 0) return 0;
    dds_sleepfor(DDS_MSECS(10));
  }
  return -1;
}

static int service(int domain, const char *mode, const char *service_name, dds_qos_t *qos, double seconds, int count) {
  char rq[256], rr[256];
  if (snprintf(rq, sizeof rq, "rq%sRequest", service_name) >= (int) sizeof rq ||
      snprintf(rr, sizeof rr, "rr%sReply", service_name) >= (int) sizeof rr || service_name[0] != '/') {
    fprintf(stderr, "bad SERVICE\n");
    return 2;
  }
  int client = strcmp(mode, "setbool-call") == 0;
  dds_entity_t pp = dds_create_participant((dds_domainid_t) domain, NULL, NULL);
  if (pp < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(pp));
    return 1;
  }
  dds_entity_t treq = dds_create_topic(pp, &std_srvs_srv_dds__SetBool_Request__desc, rq, NULL, NULL);
  dds_entity_t trep = dds_create_topic(pp, &std_srvs_srv_dds__SetBool_Response__desc, rr, NULL, NULL);
  dds_entity_t wr = dds_create_writer(pp, client ? treq : trep, qos, NULL);
  dds_entity_t rd = dds_create_reader(pp, client ? trep : treq, qos, NULL);
  if (treq < 0 || trep < 0 || wr < 0 || rd < 0) {
    fprintf(stderr, "could not create the service's endpoints\n");
    return 1;
  }
  dds_time_t end = dds_time() + (dds_duration_t) (seconds * 1e9);
  int rc = 3, done = 0;
  void *samples[1] = {NULL};
  dds_sample_info_t info[1];
  if (client) {
    const uint64_t me = 0x1122334455667788ULL;
    if (await_matches(wr, rd, end) != 0) goto out;
    while (done < count && dds_time() < end) {
      std_srvs_srv_dds__SetBool_Request_ req = {me, done + 1, done % 2 == 0};
      dds_write(wr, &req);
      int answered = 0;
      while (!answered && dds_time() < end) {
        int n = dds_take(rd, samples, info, 1, 1);
        if (n <= 0) {
          dds_sleepfor(DDS_MSECS(5));
          continue;
        }
        const std_srvs_srv_dds__SetBool_Response_ *r = samples[0];
        if (info[0].valid_data && r->client_id == me && r->sequence_number == done + 1) {
          printf("reply %llu %lld %d %s\n", (unsigned long long) r->client_id, (long long) r->sequence_number, r->success ? 1 : 0,
                 r->message);
          fflush(stdout);
          answered = 1;
        }
        dds_return_loan(rd, samples, n);
      }
      if (answered) done++;
    }
  } else {
    uint32_t lr = 0;
    while (done < count && dds_time() < end) {
      report_match(rd, 0, &lr);
      int n = dds_take(rd, samples, info, 1, 1);
      if (n <= 0) {
        dds_sleepfor(DDS_MSECS(5));
        continue;
      }
      if (info[0].valid_data) {
        const std_srvs_srv_dds__SetBool_Request_ *q = samples[0];
        std_srvs_srv_dds__SetBool_Response_ rep = {q->client_id, q->sequence_number, q->data, q->data ? "cpeer on" : "cpeer off"};
        printf("request %llu %lld %d\n", (unsigned long long) q->client_id, (long long) q->sequence_number, q->data ? 1 : 0);
        fflush(stdout);
        dds_write(wr, &rep);
        done++;
      }
      dds_return_loan(rd, samples, n);
    }
    dds_sleepfor(DDS_MSECS(500)); /* let the last reply go out before the writer is deleted */
  }
  if (done == count) rc = 0;
out:
  dds_delete(pp);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: peer DOMAIN MODE TOPIC QOS SECONDS ARGS...\n");
    return 2;
  }
  int domain = atoi(argv[1]);
  const char *mode = argv[2], *topic_name = argv[3];
  dds_qos_t *qos = parse_qos(argv[4]);
  double seconds = atof(argv[5]);
  if (qos == NULL || seconds <= 0) {
    fprintf(stderr, "bad QOS or SECONDS\n");
    return 2;
  }
  if (strncmp(mode, "setbool-", 8) == 0) return service(domain, mode, topic_name, qos, seconds, argc > 6 ? atoi(argv[6]) : 1);
  int image = strncmp(mode, "image", 5) == 0;
  int pub = strstr(mode, "-pub") != NULL;
  dds_entity_t pp = dds_create_participant((dds_domainid_t) domain, NULL, NULL);
  if (pp < 0) {
    fprintf(stderr, "dds_create_participant: %s\n", dds_strretcode(pp));
    return 1;
  }
  dds_entity_t topic = dds_create_topic(pp, image ? &sensor_msgs_msg_dds__Image__desc : &geometry_msgs_msg_dds__Twist__desc,
                                        topic_name, NULL, NULL);
  dds_entity_t ep = pub ? dds_create_writer(pp, topic, qos, NULL) : dds_create_reader(pp, topic, qos, NULL);
  if (topic < 0 || ep < 0) {
    fprintf(stderr, "could not create the endpoint\n");
    return 1;
  }
  uint32_t last = 0;
  dds_time_t end = dds_time() + (dds_duration_t) (seconds * 1e9);
  int rc = 0;
  if (pub) {
    geometry_msgs_msg_dds__Twist_ twist;
    sensor_msgs_msg_dds__Image_ img;
    memset(&img, 0, sizeof img);
    if (image) {
      if (argc < 8) return 2;
      uint32_t w = (uint32_t) atoi(argv[6]), h = (uint32_t) atoi(argv[7]);
      img.header.stamp.sec = 42;
      img.header.stamp.nanosec = 7;
      img.header.frame_id = "cpeer";
      img.width = w;
      img.height = h;
      img.encoding = "rgb8";
      img.step = 3 * w;
      img.data._length = img.data._maximum = 3 * w * h;
      img.data._buffer = malloc(img.data._length);
      for (uint32_t i = 0; i < img.data._length; i++) img.data._buffer[i] = (uint8_t) (i * 7);
      img.data._release = false;
    } else {
      if (argc < 12) return 2;
      twist.linear.x = atof(argv[6]);
      twist.linear.y = atof(argv[7]);
      twist.linear.z = atof(argv[8]);
      twist.angular.x = atof(argv[9]);
      twist.angular.y = atof(argv[10]);
      twist.angular.z = atof(argv[11]);
    }
    while (dds_time() < end) {
      report_match(ep, 1, &last);
      if (last > 0) dds_write(ep, image ? (void *) &img : (void *) &twist);
      dds_sleepfor(DDS_MSECS(50));
    }
  } else {
    int want = argc > 6 ? atoi(argv[6]) : 1, got = 0;
    void *samples[1] = {NULL};
    dds_sample_info_t info[1];
    while (got < want) {
      if (dds_time() > end) {
        rc = 3;
        break;
      }
      report_match(ep, 0, &last);
      int n = dds_take(ep, samples, info, 1, 1);
      if (n <= 0 || !info[0].valid_data) {
        if (n > 0) dds_return_loan(ep, samples, n);
        dds_sleepfor(DDS_MSECS(5));
        continue;
      }
      if (image) {
        const sensor_msgs_msg_dds__Image_ *m = samples[0];
        uint32_t sum = 0;
        for (uint32_t i = 0; i < m->data._length; i++) sum = sum * 31 + m->data._buffer[i];
        printf("image %u %u %s %d %u %s %u %u\n", m->width, m->height, m->encoding, m->header.stamp.sec,
               m->header.stamp.nanosec, m->header.frame_id, m->data._length, sum);
      } else {
        const geometry_msgs_msg_dds__Twist_ *t = samples[0];
        printf("twist %.17g %.17g %.17g %.17g %.17g %.17g\n", t->linear.x, t->linear.y, t->linear.z,
               t->angular.x, t->angular.y, t->angular.z);
      }
      fflush(stdout);
      dds_return_loan(ep, samples, n);
      got++;
    }
  }
  dds_delete(pp);
  return rc;
}
