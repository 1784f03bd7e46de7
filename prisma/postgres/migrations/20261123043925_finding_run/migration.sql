-- CreateTable
CREATE TABLE "FindingRun" (
    "rule" "FindingRule" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FindingRun_pkey" PRIMARY KEY ("rule")
);

