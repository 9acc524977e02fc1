/**
 * The dash that begins a subtitle line (`——在全市人大工作会议上的讲话`): the
 * 破折号 `——` and the forms drafts use for it (`—`, `--`, `――`, box-drawing
 * `─`, full-width `－`), with the white space after it. One definition for the
 * title-block parser, the document date and the structure checks.
 */
export const SUBTITLE_DASH = /^(?:——|—|--|――|─{1,2}|－{1,2})\s*/;
