/**
 * The CNN-free perception front end: image decoding and the OpenCV (JavaCV) feature extractor that turns a camera
 * frame into the policy's small feature vector.
 */
package org.liquidpilot.perception;
