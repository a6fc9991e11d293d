#include "net/journal/rating_outbox.hpp"

namespace motcua::net {

class RatingOutbox::Source final : public OutboxSource {
public:
  Source(Journal &journal, RatingSender sender)
      : journal_(journal), sender_(std::move(sender)) {}
  std::string_view what() const override { return "rating"; }
  Result<std::vector<PendingSend>, JournalError> unsent(std::size_t limit) override {
    auto ratings = journal_.unsent_ratings(limit);
    if (!ratings)
      return unexpected(ratings.error());
    std::vector<PendingSend> out;
    for (auto &r : *ratings) {
      std::string id = r.id;
      out.push_back(PendingSend{std::move(id), [this, r = std::move(r)](SendDone done) {
                                  sender_(r, std::move(done));
                                }});
    }
    return out;
  }
  std::optional<JournalError> mark_sent(const std::string &id,
                                        std::int64_t now_ms) override {
    return journal_.mark_rating_sent(id, now_ms);
  }
  std::optional<JournalError> mark_rejected(const std::string &id, const std::string &why,
                                            std::int64_t now_ms) override {
    return journal_.mark_rating_rejected(id, why, now_ms);
  }
  Result<std::int64_t, JournalError> prune_settled(std::int64_t before_ms) override {
    return journal_.prune_settled(before_ms);
  }

private:
  Journal &journal_;
  RatingSender sender_;
};

RatingOutbox::RatingOutbox(Journal &journal, RatingSender sender,
                           std::function<void()> wake, std::function<double()> random,
                           std::function<void(const std::string &)> log,
                           OutboxOptions options)
    : source_(std::make_unique<Source>(journal, std::move(sender))),
      outbox_(*source_, std::move(wake), std::move(random), std::move(log), options) {}

RatingOutbox::~RatingOutbox() = default;

} // namespace motcua::net
