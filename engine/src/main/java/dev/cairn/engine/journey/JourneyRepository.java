package dev.cairn.engine.journey;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface JourneyRepository extends JpaRepository<Journey, String> {

  List<Journey> findAllByOrderByName();

  List<Journey> findByStatus(JourneyStatus status);
}
