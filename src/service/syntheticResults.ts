// The faces and video metadata a finished job reports: synthetic but schema-valid and plausible,
// and the same every time for the same video (the video's bucket, key and version seed them).
import type { FaceDetail, FaceDetection, Landmark, LandmarkType, S3Object, VideoMetadata } from '../../generated/types.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { v5 as nameUuid } from 'uuid';
import { schemas } from '../../generated/schemas.js';

/** The namespace of the names that seed a video's results. */
const NAMESPACE = nameUuid('https://www.npmjs.com/package/rekognition-face-detection-contract#synthetic-results', nameUuid.URL);

/** Numbers in [0, 1) from a seeded generator (pure-rand's xoroshiro128+): the same name gives the same faces anywhere. */
function random(name: string): () => number {
  const rng = xoroshiro128plus(seedOf(name));
  return () => uniformFloat64(rng);
}

/** A 32-bit seed from a name: the first bits of its name-based UUID (v5, SHA-1). */
function seedOf(name: string): number {
  return Number.parseInt(nameUuid(name, NAMESPACE).slice(0, 8), 16);
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Every landmark the contract names, from the spec; DEFAULT answers the first five (eyes, nose, mouth corners). */
const LANDMARKS = schemas.LandmarkType!.enum as LandmarkType[];
const DEFAULT_LANDMARKS = LANDMARKS.slice(0, 5);
const EMOTIONS = schemas.EmotionName!.enum as NonNullable<FaceDetail['Emotions']>[number]['Type'][];

/** Metadata of a plausible phone or camera video, 10 s to 2 min long. */
export function syntheticVideoMetadata(video: S3Object): VideoMetadata {
  const next = random(`metadata:${video.Bucket}/${video.Name}#${video.Version ?? ''}`);
  const [FrameWidth, FrameHeight] = [
    [1920, 1080],
    [1280, 720],
    [3840, 2160],
  ][Math.floor(next() * 3)]!;
  return {
    Codec: 'h264',
    DurationMillis: 10_000 + Math.floor(next() * 110_000),
    Format: 'QuickTime / MOV',
    FrameRate: [24, 25, 29.97, 30][Math.floor(next() * 4)]!,
    FrameHeight,
    FrameWidth,
    ColorRange: next() < 0.8 ? 'LIMITED' : 'FULL',
  };
}

function confidence(next: () => number, low = 50): number {
  return round(low + next() * (100 - low));
}

function face(next: () => number, all: boolean): FaceDetail {
  // A box inside the frame, with the landmarks inside the box.
  const Width = round(0.05 + next() * 0.25);
  const Height = round(Math.min(0.95, Width * (1.2 + next() * 0.6)));
  const Left = round(next() * (1 - Width));
  const Top = round(next() * (1 - Height));
  const landmark = (Type: LandmarkType): Landmark => ({ Type, X: round(Left + next() * Width), Y: round(Top + next() * Height) });
  const detail: FaceDetail = {
    BoundingBox: { Width, Height, Left, Top },
    Landmarks: (all ? LANDMARKS : DEFAULT_LANDMARKS).map(landmark),
    Pose: { Roll: round(next() * 60 - 30, 2), Yaw: round(next() * 90 - 45, 2), Pitch: round(next() * 60 - 30, 2) },
    Quality: { Brightness: round(30 + next() * 60, 2), Sharpness: round(20 + next() * 80, 2) },
    Confidence: confidence(next, 90),
  };
  if (all) {
    const low = 5 + Math.floor(next() * 60);
    const yesNo = () => ({ Value: next() < 0.5, Confidence: confidence(next) });
    Object.assign(detail, {
      AgeRange: { Low: low, High: low + 3 + Math.floor(next() * 12) },
      Smile: yesNo(),
      Eyeglasses: yesNo(),
      Sunglasses: yesNo(),
      Gender: { Value: next() < 0.5 ? 'Male' : 'Female', Confidence: confidence(next) },
      Beard: yesNo(),
      Mustache: yesNo(),
      EyesOpen: yesNo(),
      MouthOpen: yesNo(),
      Emotions: EMOTIONS.map((Type) => ({ Type, Confidence: confidence(next, 0) })).sort((a, b) => b.Confidence! - a.Confidence!),
    });
  }
  // GetFaceDetection sends these two as null (x-aws-nullable in the spec).
  detail.FaceOccluded = null;
  detail.EyeDirection = null;
  return detail;
}

/**
 * The faces a job finds in the video: 1 to 3 people seen every few hundred milliseconds for a
 * while, in timestamp order, within the video's duration.
 */
export function syntheticFaces(video: S3Object, durationMillis: number, attributes: 'DEFAULT' | 'ALL'): FaceDetection[] {
  const next = random(`faces:${video.Bucket}/${video.Name}#${video.Version ?? ''}`);
  const faces: FaceDetection[] = [];
  const people = 1 + Math.floor(next() * 3);
  for (let person = 0; person < people; person++) {
    const from = Math.floor(next() * durationMillis * 0.5);
    const to = Math.min(durationMillis, from + 2_000 + Math.floor(next() * durationMillis * 0.5));
    const step = 200 + Math.floor(next() * 400);
    for (let t = from; t < to; t += step) faces.push({ Timestamp: t, Face: face(next, attributes === 'ALL') });
  }
  return faces.sort((a, b) => a.Timestamp! - b.Timestamp!);
}
