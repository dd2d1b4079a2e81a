-- The online safety and disaster-prevention knowledge quiz (网络竞赛答题). The question bank and the quizzes are the
-- city's; submissions belong to the county of the participant.

CREATE TABLE safety.question (
  id          bigserial PRIMARY KEY,
  text        text      NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  options     jsonb     NOT NULL CHECK (jsonb_typeof(options) = 'array'
                                        AND jsonb_array_length(options) BETWEEN 2 AND 6),
  answer      integer   NOT NULL CHECK (answer >= 0),
  points      integer   NOT NULL DEFAULT 1 CHECK (points BETWEEN 1 AND 100),
  topic       text,
  created_at  timestamptz NOT NULL,
  CHECK (answer < jsonb_array_length(options))
);

CREATE TABLE safety.quiz (
  id          bigserial PRIMARY KEY,
  title       text      NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  campaign_id bigint    REFERENCES safety.campaign (id),
  opens_at    timestamptz NOT NULL,
  closes_at   timestamptz NOT NULL,
  created_at  timestamptz NOT NULL,
  CHECK (closes_at > opens_at)
);

CREATE TABLE safety.quiz_question (
  quiz_id      bigint   NOT NULL REFERENCES safety.quiz (id) ON DELETE CASCADE,
  question_id  bigint   NOT NULL REFERENCES safety.question (id),
  ordinal      integer  NOT NULL,
  PRIMARY KEY (quiz_id, question_id),
  UNIQUE (quiz_id, ordinal)
);

-- One submission per person and quiz: the person is known by the blind index of their phone number.
CREATE TABLE safety.submission (
  id             bigserial PRIMARY KEY,
  quiz_id        bigint    NOT NULL REFERENCES safety.quiz (id) ON DELETE CASCADE,
  county_code    char(6)   NOT NULL,
  enterprise_id  bigint,
  name           text      NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  phone_cipher   text      NOT NULL,
  phone_index    text      NOT NULL,
  phone_masked   text      NOT NULL,
  answers        jsonb     NOT NULL,
  score          integer   NOT NULL CHECK (score >= 0),
  max_score      integer   NOT NULL CHECK (max_score >= score),
  demo           boolean   NOT NULL DEFAULT false,
  submitted_at   timestamptz NOT NULL,
  FOREIGN KEY (enterprise_id, county_code) REFERENCES safety.enterprise (id, county_code),
  CONSTRAINT submission_once_per_person UNIQUE (quiz_id, phone_index)
);
CREATE INDEX submission_by_county ON safety.submission (county_code, quiz_id);
