-- CreateTable
CREATE TABLE "ReviewFact" (
    "campaignId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "body" JSONB NOT NULL,

    PRIMARY KEY ("campaignId", "key"),
    CONSTRAINT "ReviewFact_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

